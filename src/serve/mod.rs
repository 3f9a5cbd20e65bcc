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

pub mod input;
pub mod keys;
mod session;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Server as _, Session};
use russh::{Channel, ChannelId, MethodKind, MethodSet, Pty};
use tokio::sync::{mpsc, watch};

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
        let mut server = Listener { hub: hub.clone(), access };
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

struct Listener {
    hub: Arc<Hub>,
    access: Arc<(Access, Vec<PublicKey>)>,
}

impl russh::server::Server for Listener {
    type Handler = Connection;
    fn new_client(&mut self, peer: Option<SocketAddr>) -> Connection {
        Connection {
            hub: self.hub.clone(),
            access: self.access.clone(),
            peer,
            role: None,
            channels: HashMap::new(),
            budget: Budget::new(self.hub.input_rate),
        }
    }
}

/// A channel between its opening and its shell, and after.
enum Chan {
    /// Opened; the pty the client asked for (its `TERM` and size), once it has.
    Opened {
        pty: Option<(String, u16, u16)>,
    },
    Running(mpsc::Sender<session::In>),
}

/// One SSH connection.
struct Connection {
    hub: Arc<Hub>,
    access: Arc<(Access, Vec<PublicKey>)>,
    /// Where the connection comes from, for the server's log of who joined.
    peer: Option<SocketAddr>,
    role: Option<Role>,
    channels: HashMap<ChannelId, Chan>,
    budget: Budget,
}

/// Input allowed per second: a token bucket refilled continuously.
struct Budget {
    rate: usize,
    left: f64,
    at: std::time::Instant,
}

impl Budget {
    fn new(rate: usize) -> Budget {
        Budget { rate, left: rate as f64, at: std::time::Instant::now() }
    }

    /// How many of `n` bytes may go through now.
    fn take(&mut self, n: usize) -> usize {
        let now = std::time::Instant::now();
        let rate = self.rate as f64;
        self.left = (self.left + now.duration_since(self.at).as_secs_f64() * rate).min(rate);
        self.at = now;
        let ok = (n as f64).min(self.left.floor()).max(0.0);
        self.left -= ok;
        ok as usize
    }
}

/// Largest terminal a session draws (a client may claim any size; cells cost memory).
const MAX_COLS: u32 = 1000;
const MAX_ROWS: u32 = 500;

/// A client's size, made safe: 0 (a client that gives none) is taken as 80x24, and absurd sizes
/// are capped.
fn size(cols: u32, rows: u32) -> (u16, u16) {
    let pick = |v: u32, default: u32, max: u32| if v == 0 { default } else { v.min(max) } as u16;
    (pick(cols, 80, MAX_COLS), pick(rows, 24, MAX_ROWS))
}

impl Connection {
    /// The user name `teacher` is kept for the teacher's key (when there is one): the client
    /// then goes on to offer its key instead of getting in as a student first.
    fn teacher_name(&self, user: &str) -> bool {
        user == "teacher" && !self.access.1.is_empty()
    }

    /// Say why on the client's standard error, with exit status 1, and close the channel. The
    /// request itself is answered with success: OpenSSH exits at once on a failed request,
    /// before it prints what the server said, and a student should read why. Nothing runs
    /// either way.
    async fn refuse(&self, channel: ChannelId, session: &mut Session, why: &str) -> Result<(), russh::Error> {
        session.channel_success(channel)?;
        session.extended_data(channel, 1, format!("kz-timeline serve: {why}\r\n").into_bytes())?;
        session.exit_status_request(channel, 1)?;
        session.eof(channel)?;
        session.close(channel)
    }
}

const NO_COMMANDS: &str = "this server runs no commands and has no files: connect without a command \
                           (ssh -p PORT class@HOST) to explore the timeline";

impl Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        if matches!(self.access.0, Access::Open) && !self.teacher_name(user) {
            self.role = Some(Role::Student);
            return Ok(Auth::Accept);
        }
        Ok(Auth::reject())
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        if let Access::Password(class) = &self.access.0
            && !self.teacher_name(user)
            && keys::same_password(password, class)
        {
            self.role = Some(Role::Student);
            return Ok(Auth::Accept);
        }
        Ok(Auth::reject())
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        let known = self.access.1.iter().any(|k| k.key_data() == offer.public_key.key_data());
        Ok(if known { Auth::Accept } else { Auth::reject() })
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.access.1.iter().any(|k| k.key_data() == key.public_key.key_data()) {
            self.role = Some(Role::Teacher);
            return Ok(Auth::Accept);
        }
        Ok(Auth::reject())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One explorer per connection: a second session channel is refused. The `Channel`
        // itself is dropped: everything for it arrives through this handler.
        if self.channels.is_empty() {
            self.channels.insert(channel.id(), Chan::Opened { pty: None });
            reply.accept().await;
        }
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match self.channels.get_mut(&channel) {
            Some(Chan::Opened { pty, .. }) => {
                let (w, h) = size(cols, rows);
                *pty = Some((term.chars().take(64).collect(), w, h));
                session.channel_success(channel)
            }
            _ => session.channel_failure(channel),
        }
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        let Some(Chan::Opened { pty }) = self.channels.get_mut(&channel) else {
            return session.channel_failure(channel);
        };
        let Some((term, w, h)) = pty.clone() else {
            return self.refuse(channel, session, "the explorer needs a terminal: connect with ssh -t").await;
        };
        let role = self.role.unwrap_or(Role::Student);
        if self.hub.open.fetch_add(1, Ordering::SeqCst) >= self.hub.max_sessions {
            self.hub.open.fetch_sub(1, Ordering::SeqCst);
            let why = format!("the class is full ({} sessions); ask your teacher", self.hub.max_sessions);
            return self.refuse(channel, session, &why).await;
        }
        session.channel_success(channel)?;
        let (tx, rx) = mpsc::channel(64);
        self.channels.insert(channel, Chan::Running(tx));
        let id = self.hub.next_id.fetch_add(1, Ordering::Relaxed);
        let spec = session::Spec { hub: self.hub.clone(), id, role, term, size: (w, h), channel, peer: self.peer };
        session::spawn(spec, session.handle(), rx);
        Ok(())
    }

    async fn data(&mut self, channel: ChannelId, data: &[u8], _session: &mut Session) -> Result<(), Self::Error> {
        if let Some(Chan::Running(tx)) = self.channels.get(&channel) {
            let n = self.budget.take(data.len());
            if n > 0 {
                // A full queue means the session is behind: the keys are dropped, not queued.
                let _ = tx.try_send(session::In::Bytes(data[..n].to_vec()));
            }
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (w, h) = size(cols, rows);
        match self.channels.get_mut(&channel) {
            Some(Chan::Running(tx)) => {
                let _ = tx.try_send(session::In::Resize(w, h));
            }
            Some(Chan::Opened { pty: Some(p), .. }) => (p.1, p.2) = (w, h),
            _ => {}
        }
        Ok(())
    }

    async fn channel_eof(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        if let Some(Chan::Running(tx)) = self.channels.get(&channel) {
            let _ = tx.try_send(session::In::Closed);
        }
        Ok(())
    }

    async fn channel_close(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        if let Some(Chan::Running(tx)) = self.channels.remove(&channel) {
            let _ = tx.try_send(session::In::Closed);
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(channel, session, NO_COMMANDS).await
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(channel, session, NO_COMMANDS).await
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _: bool,
        _: &str,
        _: &str,
        _: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        // A client that vanished (kill -9, a closed laptop): its session ends too.
        for (_, chan) in self.channels.drain() {
            if let Chan::Running(tx) = chan {
                let _ = tx.try_send(session::In::Closed);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_made_safe() {
        assert_eq!(size(0, 0), (80, 24));
        assert_eq!(size(120, 40), (120, 40));
        assert_eq!(size(u32::MAX, u32::MAX), (MAX_COLS as u16, MAX_ROWS as u16));
        assert_eq!(size(20, 0), (20, 24));
    }

    #[test]
    fn the_input_budget_refills_and_caps() {
        let mut b = Budget::new(1000);
        assert_eq!(b.take(600), 600);
        assert_eq!(b.take(600), 400, "at most a second's worth at once");
        assert!(b.take(10) <= 1);
        std::thread::sleep(Duration::from_millis(20));
        assert!(b.take(1000) >= 15, "it refills with time");
    }
}
