//! Starting the terminal app (no command): load the timeline and resolve the options, report
//! problems before the terminal is touched, restore saved marks, then run the loop.

use std::io::IsTerminal;
use std::process::ExitCode;

use std::path::PathBuf;

use super::args::FilterArgs;
use super::commands::classroom::{PresentArgs, QuizArgs};
use super::{AppArgs, DisplayArgs, EXIT_INPUT, EXIT_RUNTIME, load_timeline, theme_for};
use crate::app::quiz::{self, QuizState};
use crate::app::{Options, Presentation, State};
use crate::model::load::fast::Progress;
use crate::model::load::{LoadError, Report, label as file_label};
use crate::model::sanitize;
use crate::query::load as app_load;
use crate::state_file::{self, Saver, Session, Snapshot};
use crate::tui;

fn fail(msg: &str) -> ExitCode {
    eprintln!("error: {}", sanitize::text(msg));
    ExitCode::from(EXIT_INPUT)
}

/// Open the state file and restore marks (and, unless the command line says where to start, the
/// last position). Problems become a message; they are never fatal.
fn restore_saved(state: &mut State, path: PathBuf, label: &str, mode: &Mode, resume: bool) -> Session {
    // Only the explorer moves the saved position; a presentation saves its marks, a quiz nothing.
    let (mut session, opened) = Session::open(path, label, matches!(mode, Mode::Explore));
    if let Some(saved) = &opened.saved {
        state.marks.set_ids(&state.timeline, &saved.marks);
        if resume
            && let Some(ix) = saved.last.as_deref().and_then(|id| state.timeline.event_by_id(id))
            && ix != 0
            && state.select_ix(ix)
        {
            state.message = Some("Back where you left off (g goes to the first event).".into());
        }
    }
    if opened.notice.is_some() {
        state.message = opened.notice;
    } else if opened.saved.is_none() && matches!(mode, Mode::Explore) {
        // Nothing saved for this timeline yet: most likely a first visit.
        state.message = Some(FIRST_VISIT.into());
    }
    session.set_base(&state.marks.ids(&state.timeline));
    session
}

/// The footer's hint the first time a timeline is opened (nothing saved for it yet); it goes at
/// the first key, like every message.
pub const FIRST_VISIT: &str = "New here? The arrow keys move between events · Enter reads one · Esc comes back · / searches · ? shows every key · q quits";

/// What to start in: the explorer, a presentation or a quiz.
#[derive(Debug, Clone)]
pub enum Mode {
    Explore,
    Present { notes: bool, autoplay: Option<u32>, presenter: bool, follow: bool },
    Quiz { seed: Option<u64>, count: usize },
}

/// Everything the terminal app starts from, whichever way it was invoked.
#[derive(Debug, Clone)]
pub struct Start {
    pub file: Option<PathBuf>,
    pub max_size: u64,
    pub import: super::args::ImportArgs,
    pub filter: FilterArgs,
    pub at: Option<String>,
    pub mouse: bool,
    pub display: DisplayArgs,
    pub mode: Mode,
    /// `--watch`: reload the file when it is saved.
    pub watch: bool,
    /// The app's own arguments, for the hint about options before a command name.
    app: Option<AppArgs>,
}

impl Start {
    pub fn explore(a: AppArgs) -> Start {
        Start {
            file: a.file.clone(),
            max_size: a.max_size,
            import: a.import.clone(),
            filter: a.filter.clone(),
            at: a.at.clone(),
            mouse: a.mouse,
            display: a.display.clone(),
            mode: Mode::Explore,
            watch: a.watch,
            app: Some(a),
        }
    }

    pub fn present(a: PresentArgs) -> Start {
        Start {
            file: a.input.file,
            max_size: a.input.max_size,
            import: a.input.import,
            filter: a.filter,
            at: a.at,
            mouse: false,
            display: a.display,
            mode: Mode::Present { notes: a.notes, autoplay: a.autoplay, presenter: a.presenter, follow: a.follow },
            watch: a.watch,
            app: None,
        }
    }

    pub fn quiz(a: QuizArgs) -> Start {
        Start {
            file: a.input.file,
            max_size: a.input.max_size,
            import: a.input.import,
            filter: a.filter,
            at: None,
            mouse: false,
            display: a.display,
            mode: Mode::Quiz { seed: a.seed, count: a.count as usize },
            watch: false,
            app: None,
        }
    }
}

/// A seed for a quiz without `--seed`: from the clock, shown at the end so it can be repeated.
fn clock_seed() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_secs() % 100_000)
}

/// A file that is missing and named like a command was probably meant as the command, with an
/// app option before it (`kz-timeline --mouse list`): say how to write that.
fn command_hint(args: &AppArgs, e: &LoadError) -> Option<String> {
    use clap::CommandFactory;
    let name = args.file.as_ref()?.to_str()?;
    let is_command = super::Cli::command().get_subcommands().any(|c| c.get_name() == name);
    (is_command && matches!(e, LoadError::Io { .. }))
        .then(|| format!("to run the {name} command, put its options after its name: kz-timeline {name} [OPTIONS]"))
}

/// Files at least this big are loaded on a worker thread behind a progress screen (when the
/// output is a terminal); smaller ones load before the terminal is touched, so their errors are
/// printed plainly, and the bundled timeline shows at once.
pub const LOAD_SCREEN_FROM: u64 = 16 << 20;

/// A timeline ready for the app: the model, its search index when it was built while loading,
/// and its name in messages.
type Loaded = (crate::model::Timeline, Option<crate::query::Index>, String);

fn load(args: &Start, progress: &Progress) -> Result<Loaded, LoadError> {
    match &args.file {
        Some(path) => {
            let (t, index) = app_load::timeline(path, &super::load_options(args.max_size, &args.import), progress)?;
            Ok((t, index, file_label(path)))
        }
        None => load_timeline(None, args.max_size, &args.import).map(|(t, label)| (t, None, label)),
    }
}

/// Print a load error (with the command hint) and return the exit code.
fn report_load_error(args: &Start, e: &LoadError) -> ExitCode {
    eprintln!("{}", Report(e, 20));
    if let Some(hint) = args.app.as_ref().and_then(|a| command_hint(a, e)) {
        eprintln!("hint: {hint}");
    }
    ExitCode::from(EXIT_INPUT)
}

/// Why the app cannot start with a loaded timeline: printed as `error: ...`, exit status 2.
enum NotReady {
    Message(String),
    Code(ExitCode),
}

/// Build the state from a loaded timeline and the options: filters, saved marks, `--at`, mode.
fn prepare(args: &Start, loaded: Loaded) -> Result<(State, Option<Session>), NotReady> {
    let (timeline, index, label) = loaded;
    let mut state = State::new(timeline, label.clone(), Options { mouse: args.mouse });
    if let Some(index) = index {
        state = state.with_index(index);
    }
    let filter = match args.filter.resolve(&state.timeline, &state.dictionary) {
        Ok(f) => f,
        Err(super::output::Failure::Input(e)) => return Err(NotReady::Message(e)),
        Err(_) => return Err(NotReady::Code(ExitCode::from(EXIT_INPUT))),
    };
    let state_path = state_file::state_dir().map(|d| d.join(state_file::file_name(args.file.as_deref())));
    let resume = matches!(args.mode, Mode::Explore) && args.at.is_none() && filter.is_empty();
    let session = state_path.map(|p| restore_saved(&mut state, p, &label, &args.mode, resume));
    if let Some(imp) = &state.timeline.imported
        && imp.skipped > 0
    {
        let n = imp.skipped;
        let which = if n == 1 { "says which" } else { "lists them" };
        let what = if n == 1 {
            "1 row could not be read and is".to_string()
        } else {
            format!("{n} rows could not be read and are")
        };
        state.message = Some(format!("Read as {}: {what} left out (kz-timeline check {label} {which}).", imp.format));
    }
    if filter.marked && state.marks.count() == 0 {
        return Err(NotReady::Message(
            "--marked: no events are marked for this timeline yet (press m in the app to mark some)".into(),
        ));
    }
    if !filter.is_empty() {
        state.set_filter(filter);
        if state.view.is_empty() {
            return Err(NotReady::Message("no events match these filters".into()));
        }
    }
    if let Some(id) = &args.at
        && !state.select_id(id)
    {
        return Err(NotReady::Message(super::commands::show::unknown_id_message(&state.timeline, id)));
    }
    // For quizzes started from the explorer (Q): the clock gives them their seeds.
    state.quiz_seed = clock_seed();
    match &args.mode {
        Mode::Explore => {}
        Mode::Present { notes, autoplay, presenter, follow, .. } => {
            if args.at.is_none() {
                state.selected = (!state.view.is_empty()).then_some(0);
            }
            let mut p = Presentation::new(*notes || *presenter, *autoplay);
            p.presenter = *presenter;
            if *presenter || *follow {
                p.sync = Some(crate::app::present::Sync { seq: 0, me: std::process::id() });
            }
            state.present = Some(p);
        }
        Mode::Quiz { seed, count } => {
            let seed = seed.unwrap_or_else(clock_seed);
            let questions = crate::quiz::generate_among(&state.timeline, &state.view.events, seed, *count);
            // A quiz of one or two questions is no quiz, unless that is what was asked for.
            if questions.len() < (*count).min(quiz::MIN_QUESTIONS) {
                let filtered = !state.filter.is_empty();
                return Err(NotReady::Message(quiz::too_few(
                    state.view.len(),
                    questions.len(),
                    filtered,
                    "leave them out",
                )));
            }
            state.quiz = Some(QuizState::new(questions, seed));
        }
    }
    Ok((state, session))
}

fn not_ready(e: NotReady) -> ExitCode {
    match e {
        NotReady::Message(m) => fail(&m),
        NotReady::Code(c) => c,
    }
}

/// Run the terminal app.
pub fn run(args: Start) -> ExitCode {
    let mut theme = theme_for(args.display.color, args.display.theme, std::env::var_os("NO_COLOR").as_deref());
    theme.plain = args.display.plain;
    if args.watch
        && let Err(e) = super::watch::check(args.file.as_deref())
    {
        return fail(&e);
    }
    let big = args
        .file
        .as_ref()
        .is_some_and(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() >= LOAD_SCREEN_FROM));
    if big && std::io::stdout().is_terminal() {
        return run_with_load_screen(args, &theme);
    }
    let loaded = match load(&args, &Progress::default()) {
        Ok(l) => l,
        Err(e) => return report_load_error(&args, &e),
    };
    let (state, session) = match prepare(&args, loaded) {
        Ok(p) => p,
        Err(e) => return not_ready(e),
    };
    if !std::io::stdout().is_terminal() {
        return fail("standard output is not a terminal; kz-timeline needs one to draw its screen");
    }
    let (guard, events) = match open_terminal(args.mouse) {
        Ok(t) => t,
        Err(code) => return code,
    };
    run_app(&args, state, session, &theme, guard, events)
}

/// Take over the terminal (restored on drop, on panic and on signals) and start its input.
fn open_terminal(mouse: bool) -> Result<(tui::Guard, tui::Events), ExitCode> {
    tui::install_panic_hook();
    let guard = tui::enter(mouse).map_err(setup_failed)?;
    let events = tui::Events::start().map_err(setup_failed)?;
    Ok((guard, events))
}

fn setup_failed(e: std::io::Error) -> ExitCode {
    tui::restore();
    eprintln!("error: cannot set up the terminal: {e}");
    ExitCode::from(EXIT_RUNTIME)
}

/// A big file: enter the terminal at once and show the load's progress while a worker thread
/// loads it. Problems found on the way are printed, as for small files, once the terminal is
/// restored.
fn run_with_load_screen(args: Start, theme: &crate::ui::Theme) -> ExitCode {
    let (guard, events) = match open_terminal(args.mouse) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let progress = std::sync::Arc::new(Progress::default());
    let label = args.file.as_deref().map(file_label).unwrap_or_default();
    let (tx, rx) = std::sync::mpsc::channel();
    let waker = events.waker();
    let worker = {
        let (args, progress) = (args.clone(), progress.clone());
        std::thread::Builder::new().name("load".into()).spawn(move || {
            let result = load(&args, &progress).map(|loaded| prepare(&args, loaded));
            let _ = tx.send(result);
            waker.wake();
        })
    };
    if let Err(e) = worker {
        return setup_failed(e);
    }
    let outcome = tui::loading(&events, theme, &label, &progress, || rx.try_recv().ok());
    let result = match outcome {
        Ok(tui::Loading::Done(r)) => r,
        Ok(tui::Loading::Quit) => {
            progress.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            drop(guard);
            return ExitCode::SUCCESS;
        }
        Ok(tui::Loading::Signal(sig)) => {
            drop(guard);
            return ExitCode::from((128 + sig) as u8);
        }
        Err(e) => {
            drop(guard);
            eprintln!("error: terminal failure: {e}");
            return ExitCode::from(EXIT_RUNTIME);
        }
    };
    match result {
        Ok(Ok((state, session))) => run_app(&args, state, session, theme, guard, events),
        Ok(Err(e)) => {
            drop(guard);
            not_ready(e)
        }
        Err(e) => {
            drop(guard);
            report_load_error(&args, &e)
        }
    }
}

/// A presentation kept in step with another instance: the follower starts on the slide the
/// presenter shows; the presenter numbers its changes after the newest in the file and
/// publishes where it starts.
fn start_sync(state: &mut State, state_path: Option<&std::path::Path>) -> Option<crate::present_sync::SyncFile> {
    let p = state.present.as_ref()?;
    p.sync?;
    let Some(path) = state_path else {
        state.message = Some("No state directory (HOME is not set): the two windows cannot keep in step.".into());
        return None;
    };
    let file = crate::present_sync::SyncFile::beside(path);
    let presenter = p.presenter;
    if let Some(shared) = file.read() {
        if presenter {
            if let Some(sync) = state.present.as_mut().and_then(|p| p.sync.as_mut()) {
                sync.seq = shared.seq;
            }
        } else {
            crate::app::present::apply_remote(state, &shared);
        }
    }
    if presenter {
        crate::app::present::publish(state);
    }
    Some(file)
}

/// What is saved of the app's state: its marks and the event it is on.
fn snapshot(s: &State) -> Snapshot {
    Snapshot { marks: s.marks.ids(&s.timeline), last: s.selected_event().map(|e| e.id.clone()) }
}

/// The app's loop, from a prepared state to the exit status; saves marks as it goes (on a thread
/// of its own, see `state_file::sync`), and once more at the end.
fn run_app(
    args: &Start,
    mut state: State,
    session: Option<Session>,
    theme: &crate::ui::Theme,
    guard: tui::Guard,
    events: tui::Events,
) -> ExitCode {
    let sync = start_sync(&mut state, session.as_ref().map(Session::path));
    // Kept until the loop ends; dropping it stops the watching.
    let _watch = match args.file.as_deref().filter(|_| args.watch) {
        Some(path) => match super::watch::start(path, args.max_size, &args.import, events.waker()) {
            Ok(w) => Some(w),
            Err(e) => {
                state.message = Some(e);
                None
            }
        },
        None => None,
    };
    let saver = session.map(|s| {
        let waker = events.waker();
        Saver::spawn(s, Box::new(move |notice| waker.notice(notice)))
    });
    let mut save = |s: &State| {
        if let Some(saver) = &saver {
            saver.save(snapshot(s));
        }
    };
    let result = tui::run(state, theme, &mut save, events, sync);
    drop(guard);
    let (code, last) = match result {
        Ok((exit, state)) => {
            let last = snapshot(&state);
            // A big timeline takes a while to free; the process is about to end anyway.
            if state.timeline.events.len() > 10_000 {
                std::mem::forget(state);
            }
            let code = match exit {
                tui::Exit::Quit => ExitCode::SUCCESS,
                tui::Exit::Signal(sig) => ExitCode::from((128 + sig) as u8),
            };
            (code, Some(last))
        }
        Err(e) => {
            eprintln!("error: terminal failure: {e}");
            (ExitCode::from(EXIT_RUNTIME), None)
        }
    };
    if let Some(saver) = saver {
        // After a terminal failure the state is gone: the marks saved so far are all there is.
        for w in saver.finish(last) {
            eprintln!("warning: {}", sanitize::line(&w));
        }
    }
    code
}
