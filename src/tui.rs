//! The terminal: set-up, the event loop and a restore that always runs (on quit, on error, on
//! panic, on SIGTERM/SIGHUP/SIGINT). The loop blocks on a channel fed by an input thread and a
//! signal thread, so an idle app uses no CPU; it redraws only when something changed.

mod handout;

use std::io::{self, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const SECOND: Duration = Duration::from_secs(1);

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::keymap::{self, Ctx};
use crate::app::{Action, Effect, State, update};
use crate::ui::{self, Theme};

/// Set while the terminal is in raw mode / the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Set while mouse capture is on.
static MOUSE: AtomicBool = AtomicBool::new(false);
/// Set while the alternate screen is on.
static ALTERNATE: AtomicBool = AtomicBool::new(false);

/// Put the terminal back as we found it. Safe to call any number of times, from any thread.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    if ALTERNATE.swap(false, Ordering::SeqCst) {
        // Blank the alternate screen before leaving it: a terminal that resizes its saved main
        // screen on the way back (tmux after the window grew) would otherwise copy rows of our
        // last frame onto the user's shell.
        let _ = execute!(out, Clear(ClearType::All), cursor::MoveTo(0, 0), LeaveAlternateScreen);
    }
    let _ = execute!(out, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal when dropped, including while unwinding.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restore the terminal before the panic message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Enter raw mode and the alternate screen (and mouse capture if asked).
pub fn enter(mouse: bool) -> io::Result<Guard> {
    set_up(mouse)?;
    Ok(Guard)
}

fn set_up(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    ALTERNATE.store(true, Ordering::SeqCst);
    execute!(stdout(), EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        MOUSE.store(true, Ordering::SeqCst);
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop until the shell's `fg`, then take it again. (In raw
/// mode the terminal does not turn Ctrl-Z into SIGTSTP itself.)
fn suspend(mouse: bool) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Execution continues here after SIGCONT.
    set_up(mouse)
}

enum Msg {
    Input(Event),
    InputFailed(io::Error),
    Signal(i32),
    /// Work running elsewhere (a load) has finished.
    Wake,
    /// A message for the footer from work running elsewhere (saving marks failed).
    Notice(String),
    /// `--watch`: the file was saved again; the new version, or why it does not load.
    Reloaded(Box<Result<crate::model::Timeline, String>>),
}

/// Keys, resizes and signals, delivered by an input thread and a signal thread; created once,
/// before a loading screen, and handed on to [`run`].
pub struct Events {
    tx: mpsc::Sender<Msg>,
    rx: mpsc::Receiver<Msg>,
}

/// Lets another thread wake the loop (see [`loading`]).
#[derive(Clone)]
pub struct Waker(mpsc::Sender<Msg>);

impl Waker {
    pub fn wake(&self) {
        let _ = self.0.send(Msg::Wake);
    }

    /// Show `text` in the footer (see [`crate::app::update::notice`]).
    pub fn notice(&self, text: String) {
        let _ = self.0.send(Msg::Notice(text));
    }

    /// Hand the loop a new version of the file (see [`crate::app::reload`]).
    pub fn reloaded(&self, result: Result<crate::model::Timeline, String>) {
        let _ = self.0.send(Msg::Reloaded(Box::new(result)));
    }
}

impl Events {
    /// Start the input and signal threads. Call after [`enter`].
    pub fn start() -> io::Result<Events> {
        let (tx, rx) = mpsc::channel();
        spawn_signals(tx.clone())?;
        spawn_input(tx.clone());
        Ok(Events { tx, rx })
    }

    pub fn waker(&self) -> Waker {
        Waker(self.tx.clone())
    }
}

/// How a loading screen ended.
pub enum Loading<R> {
    Done(R),
    /// Ctrl-c, q or Esc: the user gave up waiting.
    Quit,
    Signal(i32),
}

/// Show a progress screen for a load running on another thread until `done` returns its
/// result (the loader calls [`Waker::wake`] when it finishes). Redraws a few times a second;
/// Ctrl-c, q and Esc quit at once, as do SIGINT, SIGTERM and SIGHUP.
pub fn loading<R>(
    events: &Events,
    theme: &Theme,
    label: &str,
    progress: &crate::model::load::fast::Progress,
    mut done: impl FnMut() -> Option<R>,
) -> io::Result<Loading<R>> {
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    repaint(&mut terminal)?;
    let started = Instant::now();
    loop {
        if let Some(r) = done() {
            return Ok(Loading::Done(r));
        }
        let view = ui::loading::Loading {
            label,
            total: progress.total.load(Ordering::Relaxed),
            parsed: progress.parsed.load(Ordering::Relaxed),
            read: progress.read.load(Ordering::Relaxed),
            elapsed: started.elapsed(),
        };
        terminal.draw(|f| ui::loading::render(f, theme, &view))?;
        match events.rx.recv_timeout(Duration::from_millis(100)) {
            Ok(Msg::Input(Event::Key(k))) => {
                use event::{KeyCode, KeyModifiers};
                let ctrl_c = k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
                if ctrl_c || matches!(k.code, KeyCode::Char('q') | KeyCode::Esc) {
                    return Ok(Loading::Quit);
                }
            }
            Ok(Msg::Input(Event::Resize(..))) => repaint(&mut terminal)?,
            Ok(Msg::Input(_) | Msg::Wake | Msg::Notice(_) | Msg::Reloaded(_))
            | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Ok(Msg::InputFailed(e)) => return Err(e),
            Ok(Msg::Signal(sig)) => return Ok(Loading::Signal(sig)),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Err(io::Error::other("input stopped")),
        }
    }
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Ended by a signal; the conventional exit code is 128 + signal.
    Signal(i32),
}

fn spawn_input(tx: mpsc::Sender<Msg>) {
    thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let msg = match event::read() {
                    Ok(ev) => Msg::Input(ev),
                    Err(e) => Msg::InputFailed(e),
                };
                let failed = matches!(msg, Msg::InputFailed(_));
                if tx.send(msg).is_err() || failed {
                    return;
                }
            }
        })
        .expect("spawn input thread");
}

fn spawn_signals(tx: mpsc::Sender<Msg>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = tx.send(Msg::Signal(sig));
        }
    })?;
    Ok(())
}

/// Debug builds only: F12 panics when KZ_TIMELINE_TEST_PANIC is set, so the end-to-end tests can
/// check that a panic restores the terminal.
#[cfg(debug_assertions)]
fn test_panic(msg: &Msg) {
    if let Msg::Input(Event::Key(k)) = msg
        && k.code == event::KeyCode::F(12)
        && std::env::var_os("KZ_TIMELINE_TEST_PANIC").is_some()
    {
        panic!("deliberate panic (KZ_TIMELINE_TEST_PANIC)");
    }
}

/// Clear the screen and make the next draw repaint every cell. (`Terminal::clear` would query the
/// cursor position, which reads from the input queue that the input thread is blocked on.)
fn repaint(terminal: &mut Terminal<CrosstermBackend<io::Stdout>>) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Turn a terminal event into an action for the current state.
pub fn action_for(state: &State, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) => keymap::action_for_key(Ctx::of(state), k),
        Event::Mouse(m) if state.options.mouse => {
            // A click on a map marker filters by its region or selects the event there.
            let on_map =
                matches!(m.kind, event::MouseEventKind::Down(event::MouseButton::Left)) && state.overlay.is_none();
            on_map.then(|| ui::map_click(state, m.column, m.row)).flatten().or_else(|| keymap::action_for_mouse(m))
        }
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard (terminals that do not support it
/// ignore it). Also written by `serve`, to the student's own terminal.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text))
}

fn copy_osc52(text: &str) -> io::Result<()> {
    let mut out = stdout();
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

/// Draw one frame of `state` inside a synchronized update (no half-drawn frame is ever seen),
/// then feed back what the view measured. The local loop and every `serve` session draw with it.
pub fn draw<B>(terminal: &mut Terminal<B>, state: &mut State, theme: &Theme) -> io::Result<()>
where
    B: ratatui::backend::Backend<Error = io::Error> + Write,
{
    let mut metrics = None;
    execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| metrics = Some(ui::render(state, theme, f)))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    if let Some(m) = metrics {
        update(state, Action::Measured(m));
    }
    Ok(())
}

/// Do what the state asked of the outside world.
fn apply_effects(
    state: &mut State,
    save: &mut dyn FnMut(&State),
    sync: Option<&crate::present_sync::SyncFile>,
) -> io::Result<()> {
    for effect in std::mem::take(&mut state.effects) {
        match effect {
            Effect::SaveState => save(state),
            Effect::Copy(text) => copy_osc52(&text)?,
            Effect::Publish(shared) => {
                if let Some(f) = sync {
                    // A failed write only means the other window does not follow.
                    let _ = f.write(&shared);
                }
            }
            Effect::Handout(request) => {
                let text = handout::write_here(&state.timeline, &request);
                crate::app::update::notice(state, text);
            }
        }
    }
    Ok(())
}

/// How often a presentation kept in step with another instance reads the shared file.
const SYNC_POLL: Duration = Duration::from_millis(200);

/// Seconds since local midnight, for the presenter's clock.
fn clock_now() -> u32 {
    use chrono::Timelike;
    chrono::Local::now().num_seconds_from_midnight()
}

/// Run the app until the user quits or a signal arrives; `save` is called whenever the state
/// asks for its marks to be saved, and `sync` (a presentation kept in step with another
/// instance) is read a few times a second and written when the slide changes. Returns how it
/// ended and the final state. The caller holds the [`Guard`].
pub fn run(
    mut state: State,
    theme: &Theme,
    save: &mut dyn FnMut(&State),
    events: Events,
    sync: Option<crate::present_sync::SyncFile>,
) -> io::Result<(Exit, State)> {
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    repaint(&mut terminal)?;
    let Events { rx, tx } = events;
    drop(tx);
    let mut dirty = true;
    let mut next_tick: Option<Instant> = None;
    let mut next_poll = Instant::now();
    loop {
        if dirty {
            if state.suspend {
                state.suspend = false;
                suspend(state.options.mouse)?;
                state.repaint = true;
            }
            if state.repaint {
                repaint(&mut terminal)?;
                state.repaint = false;
            }
            draw(&mut terminal, &mut state, theme)?;
            dirty = false;
        }
        // Work queued before the loop started (a presenter's first publish) or by a tick.
        apply_effects(&mut state, save, sync.as_ref())?;
        // Wait for something to happen, or for the next second (auto-advance, the presenter's
        // clock) or the next look at the shared presentation file; then take everything already
        // queued before drawing.
        let syncing = sync.is_some() && state.present.as_ref().is_some_and(|p| p.sync.is_some());
        let tick = state.wants_tick().then(|| *next_tick.get_or_insert_with(|| Instant::now() + SECOND));
        if tick.is_none() {
            next_tick = None;
        }
        let deadline = match (tick, syncing.then_some(next_poll)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let first = match deadline {
            Some(due) => match rx.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(msg) => msg,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let now = Instant::now();
                    if tick.is_some_and(|t| t <= now) {
                        next_tick = Some(tick.unwrap_or(now) + SECOND);
                        dirty |= update(&mut state, Action::Clock(clock_now()));
                        dirty |= update(&mut state, Action::Tick);
                    }
                    if syncing && next_poll <= now {
                        next_poll = now + SYNC_POLL;
                        if let Some(shared) = sync.as_ref().and_then(|f| f.read()) {
                            let before = (state.selected, state.present.clone());
                            crate::app::present::apply_remote(&mut state, &shared);
                            dirty |= before != (state.selected, state.present.clone());
                        }
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(io::Error::other("input stopped")),
            },
            None => rx.recv().map_err(|_| io::Error::other("input stopped"))?,
        };
        crate::app::update::begin_batch(&mut state);
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            #[cfg(debug_assertions)]
            test_panic(&msg);
            match msg {
                Msg::Input(ev) => {
                    if let Some(a) = action_for(&state, &ev) {
                        dirty |= update(&mut state, a);
                    }
                }
                Msg::InputFailed(e) => return Err(e),
                Msg::Signal(sig) => return Ok((Exit::Signal(sig), state)),
                Msg::Wake => {}
                Msg::Notice(text) => dirty |= crate::app::update::notice(&mut state, text),
                Msg::Reloaded(result) => {
                    match *result {
                        Ok(timeline) => crate::app::reload::apply(&mut state, timeline),
                        Err(problem) => crate::app::reload::failed(&mut state, problem),
                    }
                    dirty = true;
                }
            }
            apply_effects(&mut state, save, sync.as_ref())?;
            if state.quit {
                return Ok((Exit::Quit, state));
            }
        }
        dirty |= crate::app::update::end_batch(&mut state);
    }
}
