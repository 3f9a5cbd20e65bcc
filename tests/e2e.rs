//! End-to-end: the real binary in a pseudo-terminal, keys in, screen out (see `common::pty`).

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::pty::{App, BIN, TIMEOUT, fixture, send_signal};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn bundled() -> kz_timeline::model::Timeline {
    kz_timeline::model::load::bundled_timeline().unwrap()
}

#[test]
fn starts_on_the_bundled_timeline_and_shows_the_first_event() {
    let t = bundled();
    let mut app = App::start(&[], 120, 40, &[]);
    app.wait_for(&format!("1 / {}", t.events.len()));
    app.wait_for(&format!("{} event", t.events.len()));
    let first: String = t.events[0].title.chars().take(25).collect();
    app.wait_for(&first);
    app.wait_for("▶ ");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn filters_by_region_and_shows_the_count() {
    let f = fixture("small.json");
    let mut app = App::start(&[&f], 100, 30, &[]);
    app.wait_for("12 events");
    app.keys("r");
    app.wait_for("Filter by region");
    app.keys("harb"); // typing narrows the popup to Harbor
    app.wait_for("Find: harb");
    app.keys(" \r");
    app.wait_for("3 of 12 events");
    let screen = app.wait_for("Region: Harbor");
    assert!(!screen.contains("Heavy rain"), "a Hills event is still listed:\n{screen}");
    app.keys("c");
    app.wait_for(" 12 events");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn starts_filtered_from_the_command_line() {
    let f = fixture("small.json");
    let mut app = App::start(&[&f, "--region", "Harbour", "--at", "power-cut"], 100, 30, &[]);
    // The screen arrives in pieces: wait for each part rather than checking a snapshot.
    app.wait_for("3 of 12 events");
    app.wait_for("▶ night  Harbor  Power cut");
    app.wait_for("2 / 3");
    app.keys("\x03"); // Ctrl-C
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn quitting_restores_the_terminal_even_with_the_mouse_on() {
    let f = fixture("small.json");
    let mut app = App::start(&[&f, "--mouse"], 80, 24, &[]);
    app.wait_for("12 events");
    assert_ne!(app.parser.lock().unwrap().screen().mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(app.parser.lock().unwrap().screen().alternate_screen());
    app.keys("jjq");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let f = fixture("small.json");
    let mut app = App::start(&[&f, "--mouse"], 80, 24, &[]);
    app.wait_for("12 events");
    let pid = app.app_pid();
    assert_eq!(send_signal(pid, 15), 0);
    assert_eq!(app.wait_exit(), 128 + 15);
    app.assert_restored();
}

#[test]
fn sighup_restores_the_terminal() {
    let f = fixture("small.json");
    let mut app = App::start(&[&f], 80, 24, &[]);
    app.wait_for("12 events");
    let pid = app.app_pid();
    assert_eq!(send_signal(pid, 1), 0);
    assert_eq!(app.wait_exit(), 128 + 1);
    app.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal_and_then_prints_its_message() {
    let f = fixture("small.json");
    let mut app = App::start(&[&f, "--mouse"], 100, 30, &[("KZ_TIMELINE_TEST_PANIC", "1")]);
    app.wait_for("12 events");
    app.keys("\x1b[24~"); // F12
    assert_eq!(app.wait_exit(), 101);
    app.assert_restored();
    let screen = app.screen();
    assert!(screen.contains("deliberate panic"), "the panic message should be readable after restore:\n{screen}");
}

#[test]
fn help_overlay_opens_and_closes() {
    let f = fixture("small.json");
    let mut app = App::start(&[&f], 100, 30, &[]);
    app.wait_for("12 events");
    app.keys("?");
    app.wait_for("Help: keys");
    app.keys("\x1b");
    app.wait_gone("Help: keys");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn search_finds_any_spelling_enter_finds_and_tab_keeps_it_as_a_filter() {
    let t = bundled();
    let mut app = App::start(&[], 120, 40, &[]);
    app.wait_for(&format!("{} events", t.events.len()));
    app.keys("/");
    app.wait_for("type to search");
    app.keys("Жаңаөзен");
    let screen = app.wait_for("matches");
    // The Cyrillic spelling finds the events written "Zhanaozen".
    assert!(screen.contains("Zhanaozen"), "{screen}");
    // Enter finds: every event stays listed, n and N move between the matches.
    app.keys("\r");
    let screen = app.wait_for("matches: n next, N previous");
    let count_line = screen.lines().next().unwrap().to_string();
    assert!(count_line.contains(&format!(" · {} events", t.events.len())), "{count_line}");
    // / offers the same search again; Tab keeps only its matches.
    app.keys("/\t");
    let screen = app.wait_for("Search: “Жаңаөзен”");
    let count_line = screen.lines().next().unwrap().to_string();
    assert!(count_line.contains(&format!(" of {} events", t.events.len())), "{count_line}");
    // The same number of events as a Latin spelling gives.
    let shown: usize = count_line.split_whitespace().rev().nth(3).unwrap().parse().unwrap();
    app.keys("c/janaozen\t");
    app.wait_for("Search: “janaozen”");
    app.wait_for(&format!("{shown} of {} events", t.events.len()));
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn present_steps_forward_and_back_then_returns_to_the_explorer() {
    let f = fixture("small.json");
    let mut app = App::start(&["present", &f, "--theme", "high-contrast"], 100, 30, &[]);
    app.wait_for("1 / 12");
    app.keys(" ");
    app.wait_for("2 / 12");
    app.wait_for("River gauge passes the warning level");
    app.keys("\x1b[C"); // →
    app.wait_for("3 / 12");
    app.keys("\x1b[D"); // ←
    app.wait_for("2 / 12");
    app.keys("\x1b"); // Esc: the explorer, on the same event
    app.wait_for("Events");
    app.wait_for("2 / 12");
    app.wait_for("▶ ~06:00 Hills   River gauge");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn present_auto_advances() {
    let f = fixture("small.json");
    let mut app = App::start(&["present", &f, "--autoplay", "1"], 100, 30, &[]);
    app.wait_for("1 / 12");
    app.wait_for("2 / 12");
    app.keys("a");
    app.wait_for("auto-advance paused");
    // q closes the presentation (back to the explorer); q there quits.
    app.keys("q");
    app.wait_for("12 events");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_seeded_quiz_can_be_answered_to_the_end() {
    // The same seed gives the same questions; answer them from the generator's own key.
    let t = bundled();
    let questions = kz_timeline::quiz::generate(&t, 2022, 3);
    assert_eq!(questions.len(), 3);
    let mut app = App::start(&["quiz", "--seed", "2022", "--count", "3"], 100, 30, &[]);
    for (i, q) in questions.iter().enumerate() {
        app.wait_for(&format!("question {} of 3", i + 1));
        let first_line = q.prompt.lines().next().unwrap();
        let shown: String = first_line.chars().take(30).collect();
        app.wait_for(&shown);
        // Answer the first question right, the others wrong.
        let pick = if i == 0 { q.answer } else { (q.answer + 1) % q.choices.len() };
        app.keys(&(pick + 1).to_string());
        app.wait_for(if i == 0 { "Correct." } else { "Not quite" });
        app.keys("\r");
    }
    app.wait_for("Score: 1 of 3");
    app.wait_for("--seed 2022");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_redraws() {
    // Job control needs an interactive shell: run one in the pseudo-terminal and type into it.
    let pty = native_pty_system();
    let pair = pty.openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).unwrap();
    let state = tempfile::tempdir().unwrap();
    let mut cmd = CommandBuilder::new("bash");
    cmd.args(["--norc", "--noprofile", "-i"]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("PS1", "$ ");
    cmd.env("XDG_STATE_HOME", state.path());
    let mut shell = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(24.try_into().unwrap(), 80.try_into().unwrap(), 0)));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let p = parser.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..n]);
        }
    });
    let mut w = pair.master.take_writer().unwrap();
    let mut keys = |k: &str| {
        w.write_all(k.as_bytes()).unwrap();
        w.flush().unwrap();
    };
    let wait = |what: &dyn Fn(&vt100::Screen) -> bool, why: &str| {
        let start = Instant::now();
        while !what(parser.lock().unwrap().screen()) {
            assert!(start.elapsed() < TIMEOUT, "{why}; screen:\n{}", parser.lock().unwrap().screen().contents());
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait(&|s| s.contents().contains('$'), "no prompt");
    keys(&format!("{BIN} --mouse {}\r", fixture("small.json")));
    wait(&|s| s.contents().contains("12 events"), "the app did not start");
    keys("\x1a"); // Ctrl-Z
    wait(&|s| s.contents().contains("Stopped"), "the shell did not report the stopped job");
    {
        let p = parser.lock().unwrap();
        assert!(!p.screen().alternate_screen(), "the shell gets its screen back");
        assert_eq!(p.screen().mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    }
    keys("fg\r");
    wait(&|s| s.alternate_screen() && s.contents().contains("12 events"), "fg did not redraw the app");
    keys("j");
    wait(&|s| s.contents().contains("▶ ~06:00"), "keys do not work after resuming");
    keys("q");
    // Back at a fresh prompt, which bash prints only once the app has exited: typing sooner
    // could hand "exit" to the app while it shuts down, and the shell would never end.
    let at_prompt = |s: &vt100::Screen| {
        !s.alternate_screen()
            && s.contents().lines().rev().find(|l| !l.trim().is_empty()).is_some_and(|l| l.trim_end() == "$")
    };
    wait(&at_prompt, "quitting did not return to the shell");
    keys("exit\r");
    let start = Instant::now();
    while shell.try_wait().unwrap().is_none() {
        if start.elapsed() > TIMEOUT {
            let _ = shell.kill();
            panic!("the shell did not exit; screen:\n{}", parser.lock().unwrap().screen().contents());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigint_restores_the_terminal() {
    let f = fixture("small.json");
    let mut app = App::start(&[&f, "--mouse"], 80, 24, &[]);
    app.wait_for("12 events");
    let pid = app.app_pid();
    assert_eq!(send_signal(pid, 2), 0);
    assert_eq!(app.wait_exit(), 128 + 2);
    app.assert_restored();
}

#[test]
fn a_resize_storm_ends_with_a_correct_screen() {
    let f = fixture("small.json");
    let mut app = App::start(&[&f], 100, 30, &[]);
    app.wait_for("12 events");
    for i in 0..60u16 {
        let (cols, rows) = (20 + (i * 7) % 120, 5 + (i * 5) % 45);
        app.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
    }
    app.master.resize(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).unwrap();
    app.parser.lock().unwrap().screen_mut().set_size(24.try_into().unwrap(), 80.try_into().unwrap());
    // The final frame is drawn for 80x24: the footer is on the last row.
    let start = Instant::now();
    loop {
        let screen = app.screen();
        let last = screen.lines().nth(23).unwrap_or_default().to_string();
        if last.contains("move") && screen.lines().next().unwrap_or_default().contains("12 events") {
            break;
        }
        assert!(start.elapsed() < TIMEOUT, "no clean 80x24 frame:\n{screen}");
        app.keys("\x0c"); // Ctrl-L repaints
        std::thread::sleep(Duration::from_millis(100));
    }
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn a_presenter_and_a_projector_window_stay_on_the_same_slide() {
    // Two real processes on one machine, sharing the state directory.
    let f = fixture("small.json");
    let state = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    let mut teacher = App::start(&["present", &f, "--presenter"], 100, 30, &env);
    teacher.wait_for("Presenter view · slide 1 of 12");
    let mut projector = App::start(&["present", &f, "--follow"], 100, 30, &env);
    projector.wait_for("1 / 12");
    teacher.keys("lll");
    teacher.wait_for("slide 4 of 12");
    projector.wait_for("4 / 12");
    // Keys on the projector move the presenter too, and b blanks both.
    projector.keys("h");
    teacher.wait_for("slide 3 of 12");
    teacher.keys("b");
    teacher.wait_for("the screen is blank");
    projector.wait_gone("3 / 12");
    for app in [&mut teacher, &mut projector] {
        app.keys("qq");
        assert_eq!(app.wait_exit(), 0);
        app.assert_restored();
    }
}

#[test]
fn p_then_q_leaves_the_app_running_on_the_list() {
    let f = fixture("small.json");
    let mut app = App::start(&[&f], 100, 30, &[]);
    app.wait_for("12 events");
    app.keys("jjp");
    app.wait_for("3 / 12");
    app.keys("q");
    // Back on the list: its title is drawn below the header.
    app.wait_all(&["12 events", "Events"]);
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn the_alternate_screen_is_blank_when_the_app_leaves_it_after_the_window_grew() {
    // tmux copies what is left on the alternate screen onto the shell's screen when the window
    // grew meanwhile, so the app must leave nothing there.
    let f = fixture("small.json");
    let mut app = App::start(&[&f], 80, 24, &[]);
    app.wait_for("12 events");
    app.master.resize(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).unwrap();
    app.parser.lock().unwrap().screen_mut().set_size(40.try_into().unwrap(), 120.try_into().unwrap());
    let start = Instant::now();
    while app.screen().lines().count() < 39 || !app.screen().lines().last().unwrap_or_default().contains("quit") {
        assert!(start.elapsed() < TIMEOUT, "no 120x40 frame:\n{}", app.screen());
        std::thread::sleep(Duration::from_millis(20));
    }
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
    // Replay everything up to the moment the app left the alternate screen.
    let raw = app.raw.lock().unwrap().clone();
    let leave = b"\x1b[?1049l";
    let at = raw.windows(leave.len()).rposition(|w| w == leave).expect("the app left the alternate screen");
    let mut replay = vt100::Parser::new(40.try_into().unwrap(), 120.try_into().unwrap(), 0);
    replay.process(&raw[..at]);
    assert!(replay.screen().alternate_screen());
    let left = replay.screen().contents();
    assert!(left.trim().is_empty(), "the alternate screen still showed:\n{left}");
}

#[test]
fn keys_work_with_a_russian_keyboard_layout_and_cyrillic_is_typed_in_the_search() {
    // With the layout on, the keys of j and q type о and й.
    let f = fixture("small.json");
    let mut app = App::start(&[&f], 100, 30, &[]);
    app.wait_for("12 events");
    app.press("оо", "3 / 12");
    app.press("л", "2 / 12");
    // In the search prompt the same keys are letters, searched in any script ("ол" finds "ol").
    app.press("/ол", "3 matches");
    app.wait_for("ол");
    // Esc leaves the search where it started.
    app.keys("\x1b");
    app.wait_gone("ол");
    app.wait_for("2 / 12");
    app.keys("й");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}
