//! The real binary in a pseudo-terminal: keys in, screen out (parsed with vt100), and a copy of
//! every byte it wrote. Each run is wrapped in `sh` so that the terminal modes (`stty -g`) can be
//! compared before and after the app, which is how "the terminal is restored" is checked. The
//! app runs in an empty working directory of its own ([`App::work_dir`]), so a file it writes
//! there (a handout, `e`) is found by the test and never lands in the user's home.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_kz-timeline");
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// A test fixture's path.
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

pub struct App<CB: vt100::Callbacks + Send + 'static = ()> {
    pub parser: Arc<Mutex<vt100::Parser<CB>>>,
    /// Every byte the app wrote.
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    dir: tempfile::TempDir,
    pub master: Box<dyn MasterPty + Send>,
}

impl App<()> {
    pub fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> App<()> {
        App::start_with((), args, cols, rows, env)
    }
}

impl<CB: vt100::Callbacks + Send + 'static> App<CB> {
    /// Start with vt100 callbacks that watch what the app asks the terminal to do.
    pub fn start_with(callbacks: CB, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> App<CB> {
        App::start_full(callbacks, BIN, None, args, cols, rows, env)
    }

    /// Start another program (the `ssh` client of the serve tests) the same way.
    pub fn start_program(
        callbacks: CB,
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> App<CB> {
        App::start_full(callbacks, program, None, args, cols, rows, env)
    }

    /// Start with standard input a pipe that `cat` feeds the file `stdin` into (the terminal is
    /// still the pty).
    pub fn start_reading(callbacks: CB, stdin: &str, args: &[&str], cols: u16, rows: u16) -> App<CB> {
        App::start_full(callbacks, BIN, Some(stdin), args, cols, rows, &[])
    }

    fn start_full(
        callbacks: CB,
        program: &str,
        stdin: Option<&str>,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> App<CB> {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        let feed = stdin.map(|f| format!("cat '{f}' | ")).unwrap_or_default();
        let script = format!(
            // Results are written to a temporary name and renamed, so a file that exists is complete.
            "stty -g > '{d}/before'; {feed}\"$0\" \"$@\"; echo $? > '{d}/rc'; stty -g > '{d}/after.tmp'; mv '{d}/after.tmp' '{d}/after'; sleep 30"
        );
        let mut cmd = CommandBuilder::new("sh");
        let work = dir.path().join("work");
        std::fs::create_dir(&work).unwrap();
        cmd.cwd(&work);
        cmd.args(["-c", &script, program]);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        // Saved marks and positions go to a fresh directory, never the user's (unless the test
        // names one).
        cmd.env("XDG_STATE_HOME", dir.path().join("state"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
            callbacks,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        App { parser, raw, writer, child, dir, master: pair.master }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `text`; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(start.elapsed() < TIMEOUT, "timed out waiting for {text:?}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until the screen shows every one of `texts`; returns the screen. A frame reaches the
    /// terminal in pieces, top to bottom: wait for the last piece a check needs, never check
    /// other rows of the screen that showed the first.
    pub fn wait_all(&self, texts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if texts.iter().all(|t| s.contains(t)) {
                return s;
            }
            assert!(start.elapsed() < TIMEOUT, "timed out waiting for {texts:?}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while self.screen().contains(text) {
            assert!(start.elapsed() < TIMEOUT, "timed out waiting for {text:?} to go; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Press keys, then wait for `text` (so each screen is drawn before the next keys).
    pub fn press(&mut self, keys: &str, then: &str) -> String {
        self.keys(keys);
        self.wait_for(then)
    }

    /// The directory the app runs in (empty at the start).
    pub fn work_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("work")
    }

    fn file(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(self.dir.path().join(name)).ok()
    }

    /// Wait for the app to exit; returns its exit status.
    pub fn wait_exit(&mut self) -> i32 {
        let start = Instant::now();
        loop {
            if self.file("after").is_some() {
                return self.file("rc").unwrap().trim().parse().unwrap();
            }
            assert!(start.elapsed() < TIMEOUT, "the app did not exit; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Assert that the terminal is as it was before the app started.
    pub fn assert_restored(&self) {
        assert_eq!(self.file("before"), self.file("after"), "terminal modes (stty -g) differ after exit");
        let p = self.parser.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse reporting still on");
    }

    /// Resize the terminal (the program gets SIGWINCH) and the screen the test reads.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().screen_mut().set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
    }

    /// The pid of the app (the shell's child).
    pub fn app_pid(&self) -> i32 {
        let sh = self.child.process_id().unwrap();
        let start = Instant::now();
        loop {
            let children = std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")).unwrap_or_default();
            if let Some(pid) = children.split_whitespace().next() {
                return pid.parse().unwrap();
            }
            assert!(start.elapsed() < TIMEOUT, "app process not found");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl<CB: vt100::Callbacks + Send + 'static> Drop for App<CB> {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Send a signal with the `kill` utility (no libc crate needed).
pub fn send_signal(pid: i32, sig: i32) -> i32 {
    let status = std::process::Command::new("kill").arg(format!("-{sig}")).arg(pid.to_string()).status().unwrap();
    status.code().unwrap_or(-1)
}
