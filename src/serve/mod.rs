//! `kz-timeline serve`: the explorer over SSH, one per student, with the teacher able to lead.
//!
//! The SSH protocol is russh's (never our own); this module only decides what a connection may
//! do. The shape follows the notes in `research/interop.md` §4.5 rather than russh's examples:
//!
//! - **One task per session** owns its `State` and its `Terminal` ([`session`]), fed by a
//!   bounded channel of bytes and window sizes. No global lock is held while drawing, so one
//!   slow session never holds up another.
//! - **Shared data**: every session starts from a clone of one prepared `State` (the file
//!   loaded, its command-line filters applied, the search index built), whose timeline and index
//!   are `Arc`s: a session adds only its own view, marks and screen.
//! - **Keys** are parsed by a real terminal input parser ([`input`]) into the key type of the
//!   local app, so both read the one keymap table. That type is crossterm's `KeyEvent`, as
//!   re-exported by ratatui, rather than one of our own (the code review suggested one): it is
//!   plain data with no I/O attached, both input paths produce it directly, and a type of our
//!   own would only be a copy of it with a conversion at each side.
//! - **Drawing** is the local app's: `tui::draw` (one frame inside a synchronized update, then
//!   the measured metrics fed back) is generic over the backend, and a session's backend is
//!   crossterm's writing into memory, told the client's size ([`session`]).
//! - **Effects** are interpreted here as a session can: a copy goes to the student's own
//!   terminal (OSC 52), marks are the session's and are not saved, a handout is refused (it
//!   would write on the teacher's machine), Ctrl-Z does nothing.
//! - **Output** goes through a bounded queue per session; when a client stops reading, frames
//!   are dropped and the next one it gets is a full redraw ([`session`]).
//! - **Lead and follow** is `app::class` (pure) carried by a `watch` channel: the teacher's
//!   session publishes its [`Lead`], each following student's session applies the newest one.
//! - **Refused**: exec, subsystems (sftp), X11, agent and port forwarding, and a shell without a
//!   terminal. There is no shell and no file access; a session can only drive its explorer.

mod connection;
pub mod input;
pub mod keys;
mod screen;
mod session;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::keys::PublicKey;
use russh::server::Server as _;
use russh::{MethodKind, MethodSet};
use tokio::sync::watch;

use crate::app::State;
use crate::app::class::Lead;
use crate::ui::Theme;

/// Who may come in.
#[derive(Debug, Clone)]
pub enum Access {
    /// Students type this password (`--password-file`).
    Password(String),
    /// Anyone who reaches the port (`--open`).
    Open,
}

/// What `serve` was asked for.
pub struct Config {
    pub listen: SocketAddr,
    pub access: Access,
    /// Keys that log in as the teacher (`--teacher-key`).
    pub teacher_keys: Vec<PublicKey>,
    pub max_sessions: usize,
    /// A connection that sends nothing for this long is closed.
    pub idle_timeout: Duration,
    pub host_key: russh::keys::PrivateKey,
    /// Every session's theme (a client whose `TERM` is `dumb` gets the plain one).
    pub theme: Theme,
    /// Bytes of input a session may send per second; more is dropped.
    pub input_rate: usize,
}

/// A session's part in the class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Teacher,
    Student,
}

/// What every session shares.
pub struct Hub {
    /// The starting view; each session starts from a clone (the timeline and the index are
    /// shared `Arc`s). Locked only to clone it.
    start: Mutex<State>,
    theme: Theme,
    max_sessions: usize,
    input_rate: usize,
    /// A session with no key (and, following, no move of the teacher's) for this long ends.
    idle_timeout: Duration,
    next_id: AtomicU64,
    /// Sessions running, and for each student whether it follows.
    roster: Mutex<HashMap<u64, (Role, bool)>>,
    /// (students, of them following): the teachers' footers show it.
    counts: watch::Sender<(usize, usize)>,
    /// What the leading teacher shows; `None` while nobody leads.
    lead: watch::Sender<Option<Lead>>,
    /// Set when the server stops: every session says goodbye and closes.
    stop: watch::Sender<bool>,
    /// Sessions open now (also those still starting).
    open: AtomicUsize,
}

impl Hub {
    pub fn new(start: State, config: &Config) -> Arc<Hub> {
        // Build the search index once, here, so every session shares it.
        let _ = start.index();
        Arc::new(Hub {
            start: Mutex::new(start),
            theme: config.theme.clone(),
            max_sessions: config.max_sessions,
            input_rate: config.input_rate,
            idle_timeout: config.idle_timeout,
            next_id: AtomicU64::new(1),
            roster: Mutex::new(HashMap::new()),
            counts: watch::channel((0, 0)).0,
            lead: watch::channel(None).0,
            stop: watch::channel(false).0,
            open: AtomicUsize::new(0),
        })
    }

    fn fresh_state(&self) -> State {
        self.start.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Record a session's part (and, for a student, whether it follows).
    fn enrol(&self, id: u64, role: Role, following: bool) {
        let mut roster = self.roster.lock().unwrap_or_else(|e| e.into_inner());
        roster.insert(id, (role, following));
        self.recount(&roster);
    }

    fn leave(&self, id: u64) {
        let mut roster = self.roster.lock().unwrap_or_else(|e| e.into_inner());
        roster.remove(&id);
        self.recount(&roster);
    }

    fn recount(&self, roster: &HashMap<u64, (Role, bool)>) {
        let students = roster.values().filter(|(r, _)| *r == Role::Student);
        let counts = (students.clone().count(), students.filter(|(_, f)| *f).count());
        self.counts.send_if_modified(|c| std::mem::replace(c, counts) != counts);
    }
}

/// Serve until Ctrl-c or SIGTERM. `ready` is called once the port is open (to print how to
/// connect).
pub fn run(config: Config, start: State, ready: impl FnOnce(SocketAddr)) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let hub = Hub::new(start, &config);
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
        let bound = listener.local_addr().map_err(|e| e.to_string())?;
        let ssh = Arc::new(russh::server::Config {
            // Sessions time out on their own (a student who follows the teacher types nothing
            // for a long time, yet is there). The server's keepalives find clients that are gone
            // (a laptop closed, a network lost); this timeout then only catches connections that
            // never log in, or stop answering keepalives.
            inactivity_timeout: Some(config.idle_timeout.max(Duration::from_secs(120))),
            keepalive_interval: Some(Duration::from_secs(30)),
            keepalive_max: 4,
            auth_rejection_time: Duration::from_secs(1),
            auth_rejection_time_initial: Some(Duration::ZERO),
            max_auth_attempts: 6,
            keys: vec![config.host_key.clone()],
            nodelay: true,
            methods: methods(&config),
            ..Default::default()
        });
        let access = Arc::new((config.access.clone(), config.teacher_keys.clone()));
        let mut server = connection::Listener { hub: hub.clone(), access };
        let running = server.run_on_socket(ssh, &listener);
        let handle = running.handle();
        ready(bound);
        tokio::select! {
            r = running => r.map_err(|e| format!("the server stopped: {e}"))?,
            _ = stopped() => {
                // Sessions write their goodbye, then the connections are closed.
                hub.stop.send_replace(true);
                let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
                while hub.open.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < deadline {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                handle.shutdown("The teacher stopped the server.".into());
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        Ok(())
    })
}

/// Ctrl-c (SIGINT) or SIGTERM or SIGHUP.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut hup)) = (signal(SignalKind::terminate()), signal(SignalKind::hangup())) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
            _ = hup.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// The authentication methods offered: only what can succeed.
fn methods(config: &Config) -> MethodSet {
    let mut m = Vec::new();
    match config.access {
        Access::Open => m.push(MethodKind::None),
        Access::Password(_) => m.push(MethodKind::Password),
    }
    if !config.teacher_keys.is_empty() {
        m.push(MethodKind::PublicKey);
    }
    MethodSet::from(&m[..])
}
