//! `kz-timeline serve` end to end: the real server on a loopback port, reached by the real
//! OpenSSH client (`ssh`, which `.ci/run` installs where it is missing) in a pseudo-terminal, as
//! a student and a teacher would. Each test starts its own server on a port the system picks,
//! with its own state directory, password and teacher key; nothing leaves the machine.

#![cfg(feature = "serve")]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::pty::{App, BIN, send_signal};

const PASSWORD: &str = "qandy-qantar";

struct Server {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
    /// What the server printed on standard error (its welcome).
    welcome: String,
    /// What it printed after that (who joined and left).
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        Server::start_with_env(extra, &[])
    }

    fn start_with_env(extra: &[&str], env: &[(&str, &str)]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let pw = dir.path().join("password.txt");
        std::fs::write(&pw, format!("{PASSWORD}\n")).unwrap();
        let key = dir.path().join("teacher");
        let made = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", "teacher", "-f"])
            .arg(&key)
            .status()
            .expect("ssh-keygen (OpenSSH) is needed by the serve tests; .ci/run installs it");
        assert!(made.success());
        let mut cmd = Command::new(BIN);
        cmd.args(["serve", "--listen", "127.0.0.1:0"]);
        if !extra.contains(&"--open") {
            cmd.arg("--password-file").arg(&pw);
        }
        cmd.arg("--teacher-key").arg(dir.path().join("teacher.pub"));
        cmd.args(extra);
        cmd.env("XDG_STATE_HOME", dir.path().join("state")).env_remove("NO_COLOR");
        cmd.envs(env.iter().copied());
        let mut child = cmd.stderr(Stdio::piped()).stdout(Stdio::null()).spawn().unwrap();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut welcome = String::new();
        let mut port = None;
        while !welcome.contains("Ctrl-C stops the server") {
            let mut line = String::new();
            assert!(err.read_line(&mut line).unwrap() > 0, "the server ended before it was ready:\n{welcome}");
            if port.is_none()
                && let Some(at) = line.trim_end().rsplit_once(" on 127.0.0.1:")
            {
                port = at.1.parse().ok();
            }
            welcome += &line;
        }
        // Keep reading, so that the server never blocks on a full pipe.
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in err.lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        Server { child, port: port.expect("the welcome names the port"), dir, welcome, log }
    }

    fn ssh_args(&self, user: &str) -> Vec<String> {
        let known = self.dir.path().join("known_hosts");
        let mut a: Vec<String> = [
            "-F",
            "/dev/null",
            "-p",
            &self.port.to_string(),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            &format!("UserKnownHostsFile={}", known.display()),
            "-o",
            "LogLevel=ERROR",
            "-o",
            "ConnectTimeout=10",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        if user == "teacher" {
            let key = self.dir.path().join("teacher");
            a.extend(["-o", "IdentitiesOnly=yes", "-o", "PreferredAuthentications=publickey", "-i"].map(String::from));
            a.push(key.display().to_string());
        } else {
            a.extend(
                ["-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive"]
                    .map(String::from),
            );
            a.extend(["-o", "NumberOfPasswordPrompts=1"].map(String::from));
        }
        a.push(format!("{user}@127.0.0.1"));
        a
    }

    /// `ssh` in a terminal of this size, logged in as a student with `password` (or as the
    /// teacher with the key), plus any command.
    fn connect(&self, user: &str, password: Option<&str>, command: &[&str], cols: u16, rows: u16) -> App {
        let mut args = self.ssh_args(user);
        args.extend(command.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut app = App::start_program((), "ssh", &args, cols, rows, &[("TERM", "xterm-256color")]);
        if let Some(pw) = password {
            app.wait_for("password:");
            app.keys(&format!("{pw}\r"));
        }
        app
    }

    fn student(&self, cols: u16, rows: u16) -> App {
        let app = self.connect("class", Some(PASSWORD), &[], cols, rows);
        app.wait_for("97 events");
        app
    }

    fn teacher(&self) -> App {
        let app = self.connect("teacher", None, &[], 100, 30);
        app.wait_for("not leading");
        app
    }

    fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Wait for the server to exit; its status.
    fn wait(&mut self) -> std::process::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "the server did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Press Esc, then wait for `then`. A key sent right after Esc would reach the server in the
/// same packet as Alt and that key (as in every terminal program); a person is never that fast.
fn esc(app: &mut App, then: &str) {
    app.keys("\x1b");
    std::thread::sleep(Duration::from_millis(150));
    app.wait_for(then);
}

/// The "N / 97" counter of the detail pane.
fn position(screen: &str) -> String {
    let at = screen.find(" / 97").unwrap_or_else(|| panic!("no detail counter on:\n{screen}"));
    let start = screen[..at].rfind(' ').map_or(0, |i| i + 1);
    screen[start..at + 5].to_string()
}

#[test]
fn a_student_logs_in_moves_reads_searches_resizes_and_quits() {
    let server = Server::start(&[]);
    assert!(server.welcome.contains(&format!("ssh -p {} class@127.0.0.1", server.port)), "{}", server.welcome);
    assert!(server.welcome.contains("SHA256:"), "the fingerprint is printed:\n{}", server.welcome);
    let mut s = server.student(100, 30);
    s.wait_for("waiting for the teacher to lead");
    s.press("jj", "3 / 97");
    s.press("\r", "Details");
    esc(&mut s, "3 / 97");
    s.keys("/aktau");
    let screen = s.wait_for("matches");
    assert!(screen.contains("aktau"), "{screen}");
    s.press("\r", "3 / 97");
    // A new window size reaches the session through SSH: the footer moves to the new last row.
    s.resize(120, 40);
    let start = Instant::now();
    while !s.screen().lines().nth(39).is_some_and(|l| l.contains("help")) {
        assert!(start.elapsed() < Duration::from_secs(10), "no redraw at 120x40:\n{}", s.screen());
        std::thread::sleep(Duration::from_millis(20));
    }
    s.resize(30, 8);
    s.wait_for("terminal too small");
    s.resize(100, 30);
    s.wait_for("97 events");
    esc(&mut s, "97 events");
    s.keys("q");
    s.wait_for("Goodbye");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_wrong_password_and_commands_are_refused() {
    let server = Server::start(&[]);
    let mut wrong = server.connect("class", Some("not-the-password"), &[], 80, 24);
    assert_eq!(wrong.wait_exit(), 255, "ssh exits 255 when it cannot log in:\n{}", wrong.screen());
    assert!(wrong.screen().contains("Permission denied"), "{}", wrong.screen());

    let mut exec = server.connect("class", Some(PASSWORD), &["ls", "/"], 80, 24);
    assert_ne!(exec.wait_exit(), 0);
    let screen = exec.screen();
    assert!(screen.contains("runs no commands"), "{screen}");
    assert!(!screen.contains("bin"), "a command ran:\n{screen}");

    // sftp is a subsystem request: refused the same way.
    let mut sftp = server.connect("class", Some(PASSWORD), &["-s", "sftp"], 80, 24);
    assert_ne!(sftp.wait_exit(), 0);

    // Without a terminal there is no explorer to show.
    let mut no_pty = server.connect("class", Some(PASSWORD), &["-T"], 80, 24);
    no_pty.wait_for("needs a terminal");
    assert_ne!(no_pty.wait_exit(), 0);
}

#[test]
fn the_teacher_leads_two_students_follow_and_one_breaks_away() {
    let server = Server::start(&[]);
    let mut t = server.teacher();
    let mut a = server.student(100, 30);
    let mut b = server.student(100, 30);
    t.wait_for("not leading · 2 students");
    t.press("L", "leading · 2 of 2 students following");
    t.press("jjjj\r", "5 / 97");
    a.wait_for("5 / 97");
    b.wait_for("5 / 97");
    a.wait_for("following the teacher");

    // B goes back to the list on their own: B explores alone, and the teacher sees it.
    esc(&mut b, "exploring on your own");
    t.wait_for("1 of 2 students following");
    t.press("l", "6 / 97");
    a.wait_for("6 / 97");
    b.keys("\r");
    let screen = b.wait_for("Details");
    assert_eq!(position(&screen), "5 / 97", "B stays where B was");

    // A presentation is followed too, slide by slide.
    t.press("p", "explorer");
    a.wait_gone("Details");
    t.keys("\x1b[C");
    let slide = a.wait_for("7 / 97");
    assert!(!slide.contains("Details"), "a follower shows the slide, not the explorer:\n{slide}");
    esc(&mut t, "Details");

    // B rejoins with one key and lands where the teacher is.
    esc(&mut b, "exploring on your own");
    b.press("L", "following the teacher");
    let screen = b.wait_for("7 / 97");
    assert!(screen.contains("Details"), "{screen}");
    t.wait_for("2 of 2 students following");

    // The teacher stops leading: the students stay where they are, free to move.
    t.press("L", "not leading");
    a.wait_for("waiting for the teacher to lead");
    a.press("l", "8 / 97");
}

#[test]
fn stopping_the_server_says_goodbye_and_a_killed_client_ends_only_its_session() {
    let mut server = Server::start(&["--max-sessions", "2"]);
    let t = server.teacher();
    let killed = server.student(80, 24);
    t.wait_for("1 student");
    // kill -9 the client: its session ends, the server and the others go on.
    let pid = killed.app_pid();
    assert_eq!(send_signal(pid, 9), 0);
    t.wait_for("no students yet");
    let mut s = server.student(80, 24);
    // Two sessions is the most: a third is told so and let go.
    let mut third = server.connect("class", Some(PASSWORD), &[], 80, 24);
    third.wait_for("the class is full");
    assert_ne!(third.wait_exit(), 0);

    assert_eq!(send_signal(server.pid(), 15), 0);
    s.wait_for("The teacher stopped the server");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    assert!(server.wait().success(), "SIGTERM is a normal stop");
    let log = server.log.lock().unwrap().clone();
    assert!(log.contains("the teacher (127.0.0.1) joined; 1 connected"), "{log}");
    assert!(log.contains("a student (127.0.0.1) left"), "{log}");
}

#[test]
fn open_access_lets_students_in_and_keeps_the_name_teacher_for_the_key() {
    let server = Server::start(&["--open"]);
    assert!(server.welcome.contains("No password is asked"), "{}", server.welcome);
    let mut t = server.teacher();
    let s = server.connect("class", None, &[], 100, 30);
    s.wait_for("New here?");
    t.wait_for("1 student");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn the_host_key_is_kept_between_runs() {
    let first = Server::start(&[]);
    let key: PathBuf = first.dir.path().join("state/kz-timeline/serve/host_ed25519_key");
    assert!(Path::new(&key).exists(), "the host key is kept in the state directory");
    let fp =
        |w: &str| w.lines().find(|l| l.contains("SHA256:")).map(|l| l.split("SHA256:").nth(1).unwrap().to_string());
    assert!(first.welcome.contains("(new)"));
    let state = first.dir.path().join("state");
    // A second server on the same state directory presents the same key.
    let mut cmd = Command::new(BIN);
    cmd.args(["serve", "--open", "--listen", "127.0.0.1:0"]).env("XDG_STATE_HOME", &state);
    let mut child = cmd.stderr(Stdio::piped()).stdout(Stdio::null()).spawn().unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut welcome = String::new();
    while !welcome.contains("Ctrl-C stops the server") {
        assert!(err.read_line(&mut welcome).unwrap() > 0, "{welcome}");
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(fp(&welcome), fp(&first.welcome));
    assert!(!welcome.contains("(new)"));
    assert!(welcome.contains("No password is asked"), "{welcome}");
}

#[test]
fn a_failed_password_costs_a_second_and_an_idle_session_is_closed_politely() {
    let server = Server::start(&["--idle-timeout", "3s"]);
    let mut wrong = server.connect("class", None, &[], 80, 24);
    wrong.wait_for("password:");
    let typed = Instant::now();
    wrong.keys("guess\r");
    assert_eq!(wrong.wait_exit(), 255);
    // russh answers a wrong password only after its rejection time (1 s), so guessing is slow.
    assert!(typed.elapsed() >= Duration::from_millis(900), "rejected after {:?}", typed.elapsed());

    let mut s = server.student(80, 24);
    s.wait_for("Closed after a long time without a key");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn garbage_and_a_huge_paste_leave_the_session_working() {
    let server = Server::start(&[]);
    let mut s = server.student(100, 30);
    s.wait_for("waiting for the teacher to lead");
    // Bytes no terminal sends: invalid UTF-8, cut-off and unknown escape sequences, C1 controls.
    let mut seed = 42u64;
    let mut junk = String::new();
    for _ in 0..4000 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        junk.push_str(
            ["\x1b[", "\x1b[1;", "\x1bO", "\u{9b}", "\u{fffd}", "\x1b[99999999~", "\x1b]", "\x00"]
                [(seed >> 60) as usize % 8],
        );
    }
    s.keys(&junk);
    // What the junk left undecoded is dropped after a second (HELD_MAX); then keys work.
    std::thread::sleep(Duration::from_millis(1500));
    // A paste of 200 KB into the search prompt: it is cut, not typed as keys.
    s.keys("/");
    s.wait_for("type to search");
    s.keys(&format!("\x1b[200~{}\x1b[201~", "zhanaozen ".repeat(20_000)));
    std::thread::sleep(Duration::from_millis(1500));
    esc(&mut s, "97 events");
    esc(&mut s, "97 events");
    s.press("jj", "3 / 97");
}

#[test]
fn a_panic_ends_that_session_only_and_sigint_stops_the_server() {
    let mut server = Server::start_with_env(&[], &[("KZ_TIMELINE_TEST_PANIC", "1")]);
    let mut a = server.student(80, 24);
    let mut b = server.student(100, 30);
    a.keys("\x1b[24~");
    a.wait_for("stopped on an internal error");
    assert_ne!(a.wait_exit(), 0);
    a.assert_restored();
    b.press("jj", "3 / 97");
    assert_eq!(send_signal(server.pid(), 2), 0);
    b.wait_for("The teacher stopped the server");
    assert_eq!(b.wait_exit(), 0);
    assert!(server.wait().success());
}

#[test]
fn any_file_can_be_served_with_the_filters_of_the_command_line() {
    let f = common::pty::fixture("small.json");
    let server = Server::start(&[&f, "--region", "hills"]);
    assert!(server.welcome.contains("small.json (5 events)"), "{}", server.welcome);
    let s = server.connect("class", Some(PASSWORD), &[], 100, 30);
    let screen = s.wait_for("5 of 12 events");
    assert!(screen.contains("Heavy rain begins in the hills"), "{screen}");
}
