//! End to end, as a person sees it: the real release binary in a pseudo-terminal (200x50),
//! timed from process start to the first frame, to the fully loaded list, and from a key press
//! to the frame that answers it; peak memory from /proc/<pid>/status (VmHWM). The same is done
//! for jless and VisiData on the same generated data, when they are installed. Prints a Markdown
//! table (BENCHMARKS.md has the latest). `KZ_BENCH_SIZES=1000,10000` limits the sizes;
//! `KZ_BENCH_PEERS=0` skips the other tools.

mod support;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_kz-timeline");
const COLS: u16 = 200;
const ROWS: u16 = 50;

struct Screen {
    parser: vt100::Parser,
    /// When the last output arrived.
    at: Instant,
}

struct Pty {
    screen: Arc<(Mutex<Screen>, Condvar)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    _state: tempfile::TempDir,
}

impl Pty {
    fn spawn(program: &str, args: &[&str]) -> (Pty, Instant) {
        let pair =
            native_pty_system().openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 }).unwrap();
        let state = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_STATE_HOME", state.path());
        cmd.env("HOME", state.path());
        let screen = Arc::new((
            Mutex::new(Screen {
                parser: vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0),
                at: Instant::now(),
            }),
            Condvar::new(),
        ));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let s = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let (m, cv) = &*s;
                let mut g = m.lock().unwrap();
                g.parser.process(&buf[..n]);
                g.at = Instant::now();
                cv.notify_all();
            }
        });
        let t0 = Instant::now();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let writer = pair.master.take_writer().unwrap();
        (Pty { screen, writer, child, _master: pair.master, _state: state }, t0)
    }

    fn contents(&self) -> String {
        self.screen.0.lock().unwrap().parser.screen().contents()
    }

    /// Wait until the screen satisfies `pred`; returns when the output that made it so arrived.
    fn wait(&self, timeout: Duration, pred: impl Fn(&str) -> bool) -> Option<Instant> {
        let (m, cv) = &*self.screen;
        let deadline = Instant::now() + timeout;
        let mut g = m.lock().unwrap();
        loop {
            if pred(&g.parser.screen().contents()) {
                return Some(g.at);
            }
            let now = Instant::now();
            if now >= deadline {
                return None;
            }
            g = cv.wait_timeout(g, deadline - now).unwrap().0;
        }
    }

    /// Wait until nothing has arrived for `quiet`.
    fn settle(&self, quiet: Duration) {
        loop {
            let last = self.screen.0.lock().unwrap().at;
            if last.elapsed() >= quiet {
                return;
            }
            std::thread::sleep(quiet / 4);
        }
    }

    /// Send keys; returns when they were sent.
    fn keys(&mut self, k: &str) -> Instant {
        self.writer.write_all(k.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        Instant::now()
    }

    /// Send a key and time until the screen changes (and satisfies `pred`).
    fn key_latency(&mut self, k: &str, pred: impl Fn(&str) -> bool) -> Option<Duration> {
        self.settle(Duration::from_millis(150));
        let before = self.contents();
        let t = self.keys(k);
        self.wait(Duration::from_secs(60), |s| s != before && pred(s)).map(|at| at.saturating_duration_since(t))
    }

    fn peak_rss_kb(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("n/a".into(), |d| {
        if d.as_secs_f64() >= 1.0 {
            format!("{:.2} s", d.as_secs_f64())
        } else {
            format!("{:.1} ms", d.as_secs_f64() * 1e3)
        }
    })
}

fn median(mut v: Vec<Duration>) -> Option<Duration> {
    v.sort();
    v.get(v.len() / 2).copied()
}

fn mb_kb(kb: Option<u64>) -> String {
    kb.map_or("n/a".into(), |k| format!("{:.0} MB", k as f64 / 1000.0))
}

#[derive(Default)]
struct Row {
    first: Vec<Duration>,
    loaded: Vec<Duration>,
    moving: Vec<Duration>,
    paging: Vec<Duration>,
    search_first: Vec<Duration>,
    search_next: Vec<Duration>,
    filter: Vec<Duration>,
    rss_kb: Option<u64>,
}

/// One run of kz-timeline on `file` (None: the bundled timeline) with `n` events.
fn kz_run(file: Option<&Path>, n: usize, row: &mut Row, interact: bool) {
    let arg = file.map(|p| p.display().to_string());
    let args: Vec<&str> = arg.iter().map(String::as_str).collect();
    let (mut p, t0) = Pty::spawn(BIN, &args);
    let total = format!("{n} events");
    let first = p.wait(Duration::from_secs(120), |s| s.contains("Loading") || s.contains(&total));
    let loaded = p.wait(Duration::from_secs(120), |s| s.contains(&total) && s.contains("Events"));
    row.first.extend(first.map(|t| t - t0));
    row.loaded.extend(loaded.map(|t| t - t0));
    if interact && loaded.is_some() {
        for _ in 0..5 {
            row.moving.extend(p.key_latency("j", |_| true));
        }
        for _ in 0..3 {
            row.paging.extend(p.key_latency("\x1b[6~", |_| true));
        }
        // Search: the first letter scans everything; the next narrows.
        for _ in 0..3 {
            p.keys("/");
            p.wait(Duration::from_secs(10), |s| s.contains("type to search"));
            row.search_first.extend(p.key_latency("t", |s| s.contains("match")));
            row.search_next.extend(p.key_latency("o", |s| s.contains("match")));
            p.keys("\x1b");
            p.wait(Duration::from_secs(10), |s| !s.contains("match"));
        }
        // Region filter: open the popup, tick the first region, apply.
        for _ in 0..3 {
            p.keys("r");
            p.wait(Duration::from_secs(10), |s| s.contains("Filter by region"));
            p.keys(" ");
            std::thread::sleep(Duration::from_millis(100));
            row.filter.extend(p.key_latency("\r", |s| s.contains(&format!("of {total}"))));
            p.keys("c");
            p.wait(Duration::from_secs(10), |s| !s.contains(&format!("of {total}")));
        }
    }
    row.rss_kb = row.rss_kb.max(p.peak_rss_kb());
    p.keys("q");
}

fn which(program: &str) -> Option<String> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(program))
        .find(|p| p.is_file())
        .map(|p| p.display().to_string())
}

/// jless on the timeline file: first frame, full-text search (Enter to the frame), memory.
fn jless_run(jless: &str, file: &Path, row: &mut Row) {
    let f = file.display().to_string();
    let (mut p, t0) = Pty::spawn(jless, &[&f]);
    let first = p.wait(Duration::from_secs(300), |s| s.contains("kz-timeline"));
    row.first.extend(first.map(|t| t - t0));
    row.loaded.extend(first.map(|t| t - t0));
    if first.is_some() {
        for word in ["zhanaozen", "curfew"] {
            p.keys("/");
            p.keys(word);
            row.search_first.extend(p.key_latency("\r", |_| true));
            p.keys("\x1b");
        }
        for _ in 0..5 {
            row.moving.extend(p.key_latency("j", |_| true));
        }
    }
    row.rss_kb = p.peak_rss_kb();
    p.keys("q");
}

/// VisiData on the events as JSON Lines: first table, fully loaded, selecting the rows of one
/// region by regex on the region column, memory.
fn vd_run(vd: &str, file: &Path, n: usize, row: &mut Row) {
    let f = file.display().to_string();
    let (mut p, t0) = Pty::spawn(vd, &["--batch=false", &f]);
    let first = p.wait(Duration::from_secs(600), |s| s.contains("ev-0000000"));
    row.first.extend(first.map(|t| t - t0));
    // The status line counts the rows, with or without thousands separators, once loading ends.
    let plain = format!(" {n} rows");
    let grouped = format!(" {} rows", group_thousands(n));
    let loaded =
        p.wait(Duration::from_secs(600), |s| !s.contains("loading") && (s.contains(&plain) || s.contains(&grouped)));
    row.loaded.extend(loaded.map(|t| t - t0));
    if loaded.is_some() {
        // Go to the region column and select rows whose region matches.
        p.keys("c");
        p.keys("region\r");
        p.settle(Duration::from_millis(300));
        p.keys("|");
        p.keys("mangystau");
        row.filter.extend(p.key_latency("\r", |s| s.contains("selected")));
        for _ in 0..5 {
            row.moving.extend(p.key_latency("j", |_| true));
        }
    }
    row.rss_kb = p.peak_rss_kb();
    p.keys("gq");
    std::thread::sleep(Duration::from_millis(200));
}

fn group_thousands(n: usize) -> String {
    kz_timeline::text::group_digits(n as u64)
}

fn main() {
    // `cargo bench` passes --bench; nothing else is accepted.
    let sizes: Vec<usize> = std::env::var("KZ_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| support::SIZES.to_vec());
    let peers = std::env::var("KZ_BENCH_PEERS").map_or(true, |v| v != "0");
    let only_peers = std::env::var("KZ_BENCH_ONLY_PEERS").is_ok_and(|v| v == "1");
    if !only_peers {
        kz_table(&sizes);
    }
    if peers {
        peer_table(&sizes);
    }
}

fn kz_table(sizes: &[usize]) {
    println!("\n## kz-timeline, end to end (pty {COLS}x{ROWS}, medians)\n");
    println!(
        "| events | file | first frame | fully loaded | move (j) | page (PgDn) | search 1st key | search 2nd key | region filter | peak RSS | RSS / file |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let mut bundled = Row::default();
    for _ in 0..7 {
        kz_run(None, 80, &mut bundled, false);
    }
    kz_run(None, 80, &mut bundled, true);
    println!(
        "| 80 (bundled) | 0.2 MB | {} | {} | {} | {} | {} | {} | {} | {} | |",
        ms(median(bundled.first)),
        ms(median(bundled.loaded)),
        ms(median(bundled.moving)),
        ms(median(bundled.paging)),
        ms(median(bundled.search_first)),
        ms(median(bundled.search_next)),
        ms(median(bundled.filter)),
        mb_kb(bundled.rss_kb)
    );
    for &n in sizes {
        let file = support::timeline_file(n);
        let bytes = std::fs::metadata(&file).unwrap().len();
        let mut row = Row::default();
        let runs = if n >= 1_000_000 { 3 } else { 5 };
        for i in 0..runs {
            kz_run(Some(&file), n, &mut row, i == 0);
        }
        println!(
            "| {n} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.2}x |",
            support::mb(bytes),
            ms(median(row.first)),
            ms(median(row.loaded)),
            ms(median(row.moving)),
            ms(median(row.paging)),
            ms(median(row.search_first)),
            ms(median(row.search_next)),
            ms(median(row.filter)),
            mb_kb(row.rss_kb),
            row.rss_kb.unwrap_or(0) as f64 * 1000.0 / bytes as f64
        );
    }
}

fn peer_table(sizes: &[usize]) {
    println!("\n## The same data in other tools (pty {COLS}x{ROWS}, medians)\n");
    println!(
        "| tool | events | input | first frame | fully loaded | move (j) | search (Enter) | region filter | peak RSS |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let jless = which("jless");
    let vd = which("vd");
    for &n in sizes {
        let runs = if n >= 1_000_000 { 1 } else { 3 };
        match &jless {
            Some(j) => {
                let file = support::timeline_file(n);
                let mut row = Row::default();
                for _ in 0..runs {
                    jless_run(j, &file, &mut row);
                }
                println!(
                    "| jless | {n} | {} JSON | {} | {} | {} | {} | (none) | {} |",
                    support::mb(std::fs::metadata(&file).unwrap().len()),
                    ms(median(row.first)),
                    ms(median(row.loaded)),
                    ms(median(row.moving)),
                    ms(median(row.search_first)),
                    mb_kb(row.rss_kb)
                );
            }
            None => println!("| jless | {n} | not installed | | | | | | |"),
        }
        match &vd {
            Some(v) => {
                let file = support::jsonl_file(n);
                let mut row = Row::default();
                // One run: VisiData is slow to start and quit at every size.
                vd_run(v, &file, n, &mut row);
                println!(
                    "| VisiData | {n} | {} JSONL | {} | {} | {} | (not measured) | {} | {} |",
                    support::mb(std::fs::metadata(&file).unwrap().len()),
                    ms(median(row.first)),
                    ms(median(row.loaded)),
                    ms(median(row.moving)),
                    ms(median(row.filter)),
                    mb_kb(row.rss_kb)
                );
            }
            None => println!("| VisiData | {n} | not installed | | | | | | |"),
        }
    }
}
