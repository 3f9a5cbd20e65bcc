//! Reading a timeline from standard input (`-`), a named pipe or a process substitution: up to
//! `--max-size` like a file, with a notice on a terminal while a pipe stays silent, and the app's
//! keys read from the terminal when standard input is the data.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::pty::{App, BIN, fixture};

fn small() -> String {
    std::fs::read_to_string(fixture("small.json")).unwrap()
}

/// Run the binary with `input` on standard input.
fn run_with_stdin(args: &[&str], input: &str) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    // Written from another thread: a big input would otherwise fill the pipe while nobody reads.
    let writer = std::thread::spawn(move || {
        let _ = std::io::Write::write_all(&mut stdin, input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn fifo(dir: &Path) -> PathBuf {
    let path = dir.join("pipe.json");
    assert!(Command::new("mkfifo").arg(&path).status().unwrap().success());
    path
}

#[test]
fn a_dash_reads_standard_input_in_every_command() {
    let out = run_with_stdin(&["check", "-"], &small());
    assert_eq!((text(&out.stdout), text(&out.stderr)), ("(standard input): OK, 12 events\n".into(), String::new()));
    let out = run_with_stdin(&["list", "-", "--format", "csv"], &small());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 13);
    let out = run_with_stdin(&["show", "power-cut", "-"], &small());
    assert!(out.status.success() && text(&out.stdout).contains("power"), "{}", text(&out.stderr));
    // Problems name standard input, with lines and columns.
    let broken = small().replacen("\"2021-09-01\"", "\"2021-09-31\"", 1);
    let out = run_with_stdin(&["check", "-"], &broken);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: (standard input):"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("is not a real date"), "{}", text(&out.stderr));
    // Without a terminal the app stops after loading, as for a file.
    let out = run_with_stdin(&["-"], &small());
    assert_eq!(
        text(&out.stderr),
        "error: standard output is not a terminal; kz-timeline needs one to draw its screen\n"
    );
}

#[test]
fn standard_input_and_pipes_are_read_up_to_the_size_limit() {
    let out = run_with_stdin(&["check", "--max-size", "100", "-"], &small());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: (standard input): more than the limit of 100 bytes arrived (raise it with --max-size)\n"
    );
    let tmp = tempfile::tempdir().unwrap();
    let pipe = fifo(tmp.path());
    let writer = {
        let pipe = pipe.clone();
        // The writer may see the pipe closed once the reader has had enough.
        std::thread::spawn(move || drop(std::fs::write(pipe, small())))
    };
    let out = Command::new(BIN).args(["check", "--max-size", "1K"]).arg(&pipe).output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .ends_with("pipe.json: more than the limit of 1024 bytes arrived (raise it with --max-size)\n"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_process_substitution_is_read_like_a_file() {
    if Command::new("bash").arg("-c").arg("true").status().is_err() {
        eprintln!("no bash: skipped");
        return;
    }
    let script = format!("'{BIN}' check <(cat '{}')", fixture("small.json"));
    let out = Command::new("bash").arg("-c").arg(script).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).ends_with(": OK, 12 events\n"), "{}", text(&out.stdout));
}

#[test]
fn a_slow_pipe_prints_no_notice_when_standard_error_is_not_a_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let pipe = fifo(tmp.path());
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || {
            // Longer than the notice's delay.
            std::thread::sleep(std::time::Duration::from_millis(1500));
            std::fs::write(pipe, small()).unwrap();
        })
    };
    let out = Command::new(BIN).arg("check").arg(&pipe).output().unwrap();
    writer.join().unwrap();
    assert_eq!(text(&out.stderr), "", "scripts get no notice");
    assert!(text(&out.stdout).ends_with("pipe.json: OK, 12 events\n"));
}

#[test]
fn a_silent_named_pipe_is_announced_on_the_terminal_then_read() {
    let tmp = tempfile::tempdir().unwrap();
    let pipe = fifo(tmp.path());
    let p = pipe.display().to_string();
    let mut app = App::start(&["check", &p], 120, 10, &[]);
    app.wait_for("kz-timeline: waiting for data on the pipe ");
    app.wait_for("pipe.json (nothing has arrived yet); Ctrl-C cancels");
    std::fs::write(&pipe, small()).unwrap();
    app.wait_for("pipe.json: OK, 12 events");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_silent_standard_input_is_announced_on_the_terminal_then_read() {
    // `cat` blocks on the named pipe until it has a writer, so standard input stays silent.
    let tmp = tempfile::tempdir().unwrap();
    let pipe = fifo(tmp.path());
    let mut app = App::start_reading((), &pipe.display().to_string(), &["check", "-"], 120, 10);
    app.wait_for("kz-timeline: waiting for data on standard input (nothing has arrived yet); Ctrl-C cancels");
    std::fs::write(&pipe, small()).unwrap();
    app.wait_for("(standard input): OK, 12 events");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn standard_input_that_is_the_terminal_says_how_to_end_it() {
    let mut app = App::start(&["check", "-"], 120, 10, &[]);
    app.wait_for("reading the timeline from standard input, which is this terminal: paste it and press Ctrl-D");
    app.keys("{\"format\": \"kz-timeline\", \"version\": 1, \"title\": \"Typed\", \"events\": []}\n\u{4}");
    app.wait_for("(standard input): OK, 0 events");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn the_app_reads_the_timeline_from_a_pipe_and_the_keys_from_the_terminal() {
    let mut app = App::start_reading((), &fixture("small.json"), &["-"], 100, 30);
    app.wait_for("12 events");
    app.wait_for("1 / 12");
    // Keys come from the terminal although standard input was the data (and is at its end).
    app.press("j", "2 / 12");
    app.press("?", "Help: keys");
    app.keys("\x1b");
    app.wait_gone("Help: keys");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}
