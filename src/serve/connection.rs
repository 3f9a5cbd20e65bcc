//! One SSH connection: what it may ask for, and how its bytes and sizes reach its session.
//! Authentication decides the part (teacher by key, student by password or `--open`); a
//! session channel with a pty and a shell gets an explorer ([`super::session`]); everything
//! else is refused (see the module docs of `serve`).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Session};
use russh::{Channel, ChannelId, Pty};
use tokio::sync::mpsc;

use super::{Access, Hub, Role, keys, session};

pub(super) struct Listener {
    pub(super) hub: Arc<Hub>,
    pub(super) access: Arc<(Access, Vec<PublicKey>)>,
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
pub(super) struct Connection {
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
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(b.take(1000) >= 15, "it refills with time");
    }
}
