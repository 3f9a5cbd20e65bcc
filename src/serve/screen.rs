//! A session's screen: frames drawn by ratatui's crossterm backend into memory, for the
//! session to send. The backend is told the client's size (crossterm's own answers would
//! describe the server's terminal), and a client that falls behind gets frames dropped and then
//! one full redraw (see `serve::session`).

use std::sync::Arc;

use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tokio::sync::mpsc;

use crate::app::State;
use crate::ui::Theme;

/// Frames waiting for a slow client before new ones are dropped.
pub const QUEUE: usize = 2;

/// Enter the alternate screen, hide the cursor; and the way back.
pub const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l";
pub const LEAVE: &[u8] = b"\x1b[2J\x1b[H\x1b[?25h\x1b[?1049l";

/// Where ratatui's backend writes a frame: a buffer the session also holds, to take each frame
/// from (the backend's own accessor is unstable).
#[derive(Clone, Default)]
pub struct Sink(Arc<std::sync::Mutex<Vec<u8>>>);

impl Sink {
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
    pub fn push(&self, bytes: &[u8]) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(bytes);
    }
}

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.push(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// ratatui's crossterm backend writing into a [`Sink`], told the client's size. Crossterm's own
/// answers would describe the server's terminal (or fail, when the server has none): the size,
/// and the cursor position, which it would read from the server's input.
struct Backend {
    inner: CrosstermBackend<Sink>,
    size: ratatui::layout::Size,
    cursor: ratatui::layout::Position,
}

impl std::io::Write for Backend {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        std::io::Write::flush(&mut self.inner)
    }
}

impl ratatui::backend::Backend for Backend {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> std::io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> std::io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> std::io::Result<()> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> std::io::Result<ratatui::layout::Position> {
        Ok(self.cursor)
    }
    fn set_cursor_position<P: Into<ratatui::layout::Position>>(&mut self, position: P) -> std::io::Result<()> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }
    fn clear(&mut self) -> std::io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ratatui::backend::ClearType) -> std::io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> std::io::Result<ratatui::layout::Size> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> std::io::Result<ratatui::backend::WindowSize> {
        let pixels = ratatui::layout::Size::new(0, 0);
        Ok(ratatui::backend::WindowSize { columns_rows: self.size, pixels })
    }
    fn flush(&mut self) -> std::io::Result<()> {
        ratatui::backend::Backend::flush(&mut self.inner)
    }
}

/// A session's screen: the terminal drawing into a [`Sink`], and the queue to the writer.
pub struct Screen {
    term: Terminal<Backend>,
    pub sink: Sink,
    out: mpsc::Sender<Vec<u8>>,
    area: Rect,
    /// The client missed a frame: the next one it gets repaints every cell.
    stale: bool,
}

impl Screen {
    pub fn new(out: mpsc::Sender<Vec<u8>>, w: u16, h: u16) -> std::io::Result<Screen> {
        let sink = Sink::default();
        sink.push(ENTER);
        let area = Rect::new(0, 0, w, h);
        let options = TerminalOptions { viewport: Viewport::Fixed(area) };
        let size = ratatui::layout::Size::new(w, h);
        let backend = Backend { inner: CrosstermBackend::new(sink.clone()), size, cursor: Default::default() };
        let mut term = Terminal::with_options(backend, options)?;
        term.resize(area)?;
        Ok(Screen { term, sink, out, area, stale: false })
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.area = Rect::new(0, 0, w, h);
        self.term.backend_mut().size = self.area.as_size();
        let _ = self.term.resize(self.area);
    }

    /// Draw `state` and queue the frame. Returns false when the queue was full and the frame
    /// was dropped (the client is behind); the next frame is then drawn whole.
    pub fn show(&mut self, state: &mut State, theme: &Theme) -> std::io::Result<bool> {
        if self.stale || state.repaint {
            // Start from a clear screen: every cell is sent again.
            self.term.resize(self.area)?;
            state.repaint = false;
        }
        crate::tui::draw(&mut self.term, state, theme)?;
        let bytes = self.sink.take();
        self.stale = !(bytes.is_empty() || self.out.try_send(bytes).is_ok());
        Ok(!self.stale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Options, update};

    fn state() -> State {
        State::new(crate::model::load::bundled_timeline().unwrap(), "bundled", Options::default())
    }

    #[test]
    fn a_client_that_stops_reading_gets_frames_dropped_then_a_full_redraw() {
        let (out, mut rx) = mpsc::channel(QUEUE);
        let mut screen = Screen::new(out, 100, 30).unwrap();
        let mut s = state();
        let theme = Theme::dark();
        assert!(screen.show(&mut s, &theme).unwrap(), "the first frame is queued");
        let first = rx.try_recv().unwrap();
        assert!(first.starts_with(ENTER), "the first frame enters the alternate screen");
        // Nobody reads now: the queue takes QUEUE frames, then frames are dropped.
        let mut shown = 0;
        for _ in 0..QUEUE + 3 {
            update(&mut s, Action::Down);
            shown += screen.show(&mut s, &theme).unwrap() as usize;
        }
        assert_eq!(shown, QUEUE, "only what fits in the queue is kept");
        // The client catches up: the next frame is a whole screen, from a cleared one.
        while rx.try_recv().is_ok() {}
        update(&mut s, Action::Down);
        assert!(screen.show(&mut s, &theme).unwrap());
        let full = String::from_utf8_lossy(&rx.try_recv().unwrap()).into_owned();
        assert!(full.contains("\x1b[1;1H\x1b[J"), "a full redraw starts by clearing the screen");
        assert!(full.contains("97 events"), "and sends every cell, the header too");
        // After that, frames are differences again.
        update(&mut s, Action::Down);
        assert!(screen.show(&mut s, &theme).unwrap());
        let diff = String::from_utf8_lossy(&rx.try_recv().unwrap()).into_owned();
        assert!(!diff.contains("\x1b[J") && !diff.contains("97 events"), "{diff:?}");
    }
}
