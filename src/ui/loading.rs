//! The loading screen shown while a big file loads on worker threads: the file, MB done of the
//! total, percent, rate, a bar, and how to quit. Drawn from a plain snapshot of the progress.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Gauge, Padding, Paragraph};

use super::{Theme, centered};
use crate::text::truncate_start;

/// How far a load has got.
#[derive(Debug, Clone)]
pub struct Loading<'a> {
    /// The file, as named in messages.
    pub label: &'a str,
    /// Bytes: the file's size, those parsed and checked, those read.
    pub total: u64,
    pub parsed: u64,
    pub read: u64,
    pub elapsed: Duration,
}

pub fn render(frame: &mut Frame, theme: &Theme, l: &Loading<'_>) {
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.base), area);
    let total = l.total;
    let parsed = l.parsed.min(total);
    let read = l.read.min(total);
    let ratio = if total == 0 { 0.0 } else { parsed as f64 / total as f64 };
    let secs = l.elapsed.as_secs_f64().max(1e-3);
    let mb = |b: u64| b as f64 / 1e6;
    let status = if total > 0 && parsed >= total { "sorting and checking ids" } else { "reading and checking events" };
    if area.height < 9 || area.width < 30 || theme.plain {
        // Too small for the box, or plain (`--plain`, no box or bar): the essentials, one per
        // line, the file by its name alone.
        let name = l.label.rsplit('/').next().unwrap_or(l.label);
        let lines = vec![
            Line::styled(format!("Loading {name}"), theme.title),
            Line::styled(format!("{:.0}% of {:.0} MB", ratio * 100.0, mb(total)), theme.label),
            Line::styled("q: quit", theme.dim),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let w = area.width.saturating_sub(4).min(72);
    // Borders and padding take 4 columns, "Loading " 8; the path keeps its end (the file name).
    let shown = truncate_start(l.label, usize::from(w.saturating_sub(4 + 8)));
    // Cut at a directory boundary when one is left: "…/dir/file.json", not "…ir/file.json".
    let shown = match shown.strip_prefix('…').and_then(|rest| rest.find('/').map(|i| &rest[i..])) {
        Some(tail) => format!("…{tail}"),
        None => shown.into_owned(),
    };
    let lines = vec![
        Line::styled(format!("Loading {shown}"), theme.title),
        Line::raw(""),
        Line::styled(
            format!(
                "{:.1} of {:.1} MB  ·  {:.0}%  ·  {:.0} MB/s",
                mb(parsed),
                mb(total),
                ratio * 100.0,
                mb(parsed) / secs
            ),
            theme.label,
        ),
        Line::styled(format!("{status} (read {:.1} MB)", mb(read)), theme.dim),
        Line::raw(""),
        Line::raw(""),
        Line::styled("Ctrl-c, q or Esc: quit", theme.dim),
    ];
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, w, h);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .style(theme.base)
        .padding(Padding::horizontal(1));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
    if inner.height > 4 && inner.width > 2 {
        let bar = Rect { y: inner.y + 4, height: 1, ..inner };
        frame.render_widget(Gauge::default().ratio(ratio.clamp(0.0, 1.0)).gauge_style(theme.selected).label(""), bar);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn screen(w: u16, h: u16, l: &Loading<'_>) -> String {
        screen_in(&Theme::dark(), w, h, l)
    }

    fn screen_in(theme: &Theme, w: u16, h: u16, l: &Loading<'_>) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| render(f, theme, l)).unwrap();
        let buf = t.backend().buffer().clone();
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>().trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    const HALF: Loading<'static> = Loading {
        label: "/home/teacher/Downloads/acled-events-2020-2024/kazakhstan-full.json",
        total: 859_100_000,
        parsed: 429_550_000,
        read: 500_000_000,
        elapsed: Duration::from_secs(5),
    };

    #[test]
    fn shows_the_file_progress_rate_and_how_to_quit() {
        let s = screen(80, 24, &HALF);
        assert!(s.contains("Loading …/Downloads/acled-events-2020-2024/kazakhstan-full.json  "), "{s}");
        assert!(s.contains("429.6 of 859.1 MB  ·  50%  ·  86 MB/s"), "{s}");
        assert!(s.contains("reading and checking events (read 500.0 MB)"), "{s}");
        assert!(s.contains("Ctrl-c, q or Esc: quit"), "{s}");
        // Half the bar is filled.
        let bar = s.lines().find(|l| l.contains('█')).expect("a bar");
        let filled = bar.chars().filter(|&c| c == '█').count();
        assert!((30..=36).contains(&filled), "{filled} cells filled:\n{s}");
        let done = screen(80, 24, &Loading { parsed: HALF.total, ..HALF });
        assert!(done.contains("100%") && done.contains("sorting and checking ids"), "{done}");
    }

    #[test]
    fn plain_is_lines_of_words() {
        let s = screen_in(&Theme::dark().plain(), 80, 24, &HALF);
        assert_eq!(s.trim_end(), "Loading kazakhstan-full.json\n50% of 859 MB\nq: quit");
    }

    #[test]
    fn snapshots_at_80x24_and_20x6() {
        insta::assert_snapshot!("loading_80x24", screen(80, 24, &HALF));
        insta::assert_snapshot!("loading_20x6", screen(20, 6, &HALF));
    }

    #[test]
    fn draws_at_every_small_size_without_panicking() {
        for w in 1..=60 {
            for h in 1..=20 {
                screen(w, h, &HALF);
            }
        }
        screen(200, 60, &Loading { total: 0, parsed: 0, read: 0, ..HALF });
    }
}
