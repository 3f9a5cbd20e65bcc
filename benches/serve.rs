//! `kz-timeline serve` under a class-sized load, on loopback only: 30 sessions, each pressing a
//! key every 100–300 ms for 30 s, then the same with one more client that stops reading its
//! output. Reports the server's memory per extra session (from /proc), and the key-to-frame
//! latency of every session: from a key written to the socket to the first bytes of the frame
//! that answers it. The clients are russh's, in this process, so that 31 OpenSSH processes do
//! not compete with the server for the machine's two cores.
//!
//! `cargo bench --bench serve` (KZ_SERVE_BENCH_SECS shortens the phases for a quick look).
//! The figures go in BENCHMARKS.md ("Serving a class over SSH").

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::client::{self, Handle};
use russh::keys::PublicKeyOrCertificate;
use russh::{ChannelMsg, Disconnect};

const SESSIONS: usize = 30;

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;
    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

async fn connect(port: u16) -> (Handle<Client>, russh::Channel<client::Msg>) {
    let config = Arc::new(client::Config { inactivity_timeout: Some(Duration::from_secs(120)), ..Default::default() });
    let mut handle = client::connect(config, ("127.0.0.1", port), Client).await.expect("connect");
    assert!(handle.authenticate_none("class").await.expect("auth").success());
    let mut ch = handle.channel_open_session().await.expect("session channel");
    ch.request_pty(false, "xterm-256color", 100, 30, 0, 0, &[]).await.expect("pty");
    ch.request_shell(false).await.expect("shell");
    // The first frame.
    let mut seen = Vec::new();
    while !String::from_utf8_lossy(&seen).contains("events") {
        match ch.wait().await {
            Some(ChannelMsg::Data { data }) => seen.extend_from_slice(&data),
            Some(_) => {}
            None => panic!("the session closed before its first frame"),
        }
    }
    (handle, ch)
}

/// Press keys for `secs` seconds; the latency of each, in microseconds.
async fn press(mut ch: russh::Channel<client::Msg>, secs: f64, seed: u64) -> Vec<u64> {
    let mut lat = Vec::new();
    let mut rng = seed;
    let end = Instant::now() + Duration::from_secs_f64(secs);
    let mut down = true;
    let mut n = 0u32;
    while Instant::now() < end {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        tokio::time::sleep(Duration::from_millis(100 + (rng >> 33) % 200)).await;
        n += 1;
        if n.is_multiple_of(40) {
            down = !down;
        }
        let key: &[u8] = if down { b"j" } else { b"k" };
        let sent = Instant::now();
        ch.data(key).await.expect("send a key");
        loop {
            match tokio::time::timeout(Duration::from_secs(5), ch.wait()).await {
                Ok(Some(ChannelMsg::Data { .. })) => {
                    lat.push(sent.elapsed().as_micros() as u64);
                    break;
                }
                Ok(Some(_)) => {}
                Ok(None) => return lat,
                Err(_) => {
                    // No frame within 5 s counts as 5 s.
                    lat.push(5_000_000);
                    break;
                }
            }
        }
    }
    let _ = ch.eof().await;
    lat
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn report(label: &str, per_session: &[Vec<u64>]) {
    let mut all: Vec<u64> = per_session.iter().flatten().copied().collect();
    all.sort_unstable();
    let worst_p95 = per_session
        .iter()
        .map(|l| {
            let mut l = l.clone();
            l.sort_unstable();
            percentile(&l, 0.95)
        })
        .fold(0.0, f64::max);
    println!(
        "{label}: {} keys; key-to-frame p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms; worst session's p95 {:.2} ms",
        all.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        percentile(&all, 0.99),
        percentile(&all, 1.0),
        worst_p95
    );
}

fn main() {
    // `cargo bench` passes --bench; nothing else is read from the command line.
    let secs: f64 = std::env::var("KZ_SERVE_BENCH_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(30.0);
    let state = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_kz-timeline"))
        .args(["serve", "--open", "--listen", "127.0.0.1:0", "--max-sessions", "100"])
        .env("XDG_STATE_HOME", state.path())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start the server");
    let pid = server.id();
    let mut err = BufReader::new(server.stderr.take().unwrap());
    let mut port = 0u16;
    loop {
        let mut line = String::new();
        assert!(err.read_line(&mut line).unwrap() > 0, "the server ended");
        if let Some((_, p)) = line.trim_end().rsplit_once(" on 127.0.0.1:") {
            port = p.parse().unwrap();
        }
        if line.contains("Ctrl-C stops") {
            break;
        }
    }
    std::thread::spawn(move || for _ in err.lines() {});
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async move {
        let idle = rss_kib(pid);
        let first = connect(port).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let one = rss_kib(pid);
        let mut clients = vec![first];
        for _ in 1..SESSIONS {
            clients.push(connect(port).await);
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let all = rss_kib(pid);
        println!(
            "server memory: {:.1} MiB idle, {:.1} MiB with 1 session, {:.1} MiB with {SESSIONS}: {:.2} MiB per extra session",
            idle as f64 / 1024.0,
            one as f64 / 1024.0,
            all as f64 / 1024.0,
            (all.saturating_sub(one)) as f64 / 1024.0 / (SESSIONS - 1) as f64
        );

        // Phase 1: every session presses keys.
        let mut handles = Vec::new();
        let mut tasks = Vec::new();
        for (i, (h, ch)) in clients.into_iter().enumerate() {
            handles.push(h);
            tasks.push(tokio::spawn(press(ch, secs, i as u64 + 1)));
        }
        let mut lat = Vec::new();
        for t in tasks {
            lat.push(t.await.unwrap());
        }
        report(&format!("{SESSIONS} sessions, {secs} s"), &lat);
        println!("server memory after the keys: {:.1} MiB", rss_kib(pid) as f64 / 1024.0);
        for h in &handles {
            let _ = h.disconnect(Disconnect::ByApplication, "", "").await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;

        // Phase 2: the same, beside a client that never reads what it is sent and keeps asking
        // for full redraws (window changes).
        let (stalled_handle, stalled) = connect(port).await;
        let stall = tokio::spawn(async move {
            let end = Instant::now() + Duration::from_secs_f64(secs / 2.0);
            let mut wide = false;
            while Instant::now() < end {
                wide = !wide;
                let w = if wide { 200 } else { 199 };
                if stalled.window_change(w, 60, 0, 0).await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            stalled
        });
        let mut clients = Vec::new();
        for _ in 0..SESSIONS {
            clients.push(connect(port).await);
        }
        let mut tasks = Vec::new();
        let mut handles = Vec::new();
        for (i, (h, ch)) in clients.into_iter().enumerate() {
            handles.push(h);
            tasks.push(tokio::spawn(press(ch, secs / 2.0, 100 + i as u64)));
        }
        let mut lat = Vec::new();
        for t in tasks {
            lat.push(t.await.unwrap());
        }
        report(&format!("{SESSIONS} sessions beside a stalled client, {} s", secs / 2.0), &lat);
        println!("server memory with the stalled client: {:.1} MiB", rss_kib(pid) as f64 / 1024.0);
        let _stalled = stall.await;
        let _ = stalled_handle.disconnect(Disconnect::ByApplication, "", "").await;
    });
    let _ = server.kill();
    let _ = server.wait();
}
