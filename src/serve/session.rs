//! One student's (or the teacher's) explorer: a task that owns its `State` and its `Terminal`,
//! reads bytes and window sizes from its connection, and writes frames back.
//!
//! Frames are drawn into memory by ratatui's crossterm backend and handed to a writer task
//! through a queue of [`QUEUE`] frames. When a client stops reading, SSH flow control stops the
//! writer, the queue fills, and frames are dropped instead of queued; once there is room again
//! the session repaints the whole screen, so nothing is lost but intermediate frames. Nothing a
//! slow client does reaches the other sessions.
//!
//! A panic ends this session only: [`spawn`] runs the session as a task of its own and, if it
//! panicked, restores the client's screen, says so, and closes the channel.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use ratatui::crossterm::event::Event;
use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

use super::input::{ESC_WAIT, Input};
use super::screen::{LEAVE, QUEUE, Screen, Sink};
use super::{Hub, Role};
use crate::app::class::{self, Class, Lead};
use crate::app::{Action, Effect, State, update};
use crate::ui::Theme;

/// What the connection hands its session.
pub enum In {
    Bytes(Vec<u8>),
    Resize(u16, u16),
    /// The client closed the channel or went away.
    Closed,
}

/// How soon a session that could not send tries again.
const RETRY: Duration = Duration::from_millis(100);

pub struct Spec {
    pub hub: Arc<Hub>,
    pub id: u64,
    pub role: Role,
    /// The client's `TERM`.
    pub term: String,
    pub size: (u16, u16),
    pub channel: ChannelId,
    pub peer: Option<std::net::SocketAddr>,
}

/// Start the session's task (and its supervisor, which cleans up whatever way it ends).
pub fn spawn(spec: Spec, handle: Handle, rx: mpsc::Receiver<In>) {
    let hub = spec.hub.clone();
    let (id, role, channel) = (spec.id, spec.role, spec.channel);
    let who = match (role, spec.peer) {
        (Role::Teacher, Some(p)) => format!("the teacher ({})", p.ip()),
        (Role::Teacher, None) => "the teacher".to_string(),
        (Role::Student, Some(p)) => format!("a student ({})", p.ip()),
        (Role::Student, None) => "a student".to_string(),
    };
    log(&format!("{who} joined; {} connected", hub.open.load(Ordering::SeqCst)));
    tokio::spawn(async move {
        let result = tokio::spawn(run(spec, handle.clone(), rx)).await;
        hub.leave(id);
        let failed = result.is_err();
        let status = match result {
            Ok(()) => 0,
            Err(_) => {
                if role == Role::Teacher {
                    hub.lead.send_replace(None);
                }
                let mut bye = LEAVE.to_vec();
                bye.extend_from_slice(
                    b"kz-timeline: this session stopped on an internal error; the others go on. Connect again to start over.\r\n",
                );
                let _ = handle.data(channel, bye).await;
                2
            }
        };
        let _ = handle.exit_status_request(channel, status).await;
        let _ = handle.eof(channel).await;
        let _ = handle.close(channel).await;
        // Counted as gone only now: a server that is stopping waits for this, and its disconnect
        // then comes after the exit status and the close, not before them.
        let left = hub.open.fetch_sub(1, Ordering::SeqCst).saturating_sub(1);
        let how = if failed { "'s session stopped on an internal error" } else { " left" };
        log(&format!("{who}{how}; {left} connected"));
    });
}

/// A line on the server's standard error, with the time: the teacher's record of the lesson.
fn log(line: &str) {
    let now = chrono::Local::now().format("%H:%M:%S");
    crate::cli::output::eprint(&format!("{now} {line}\n"));
}

/// The session's theme: the server's, unless the client's terminal cannot show colour.
fn theme_for(hub: &Hub, term: &str) -> Theme {
    if term == "dumb" { Theme::mono() } else { hub.theme.clone() }
}

async fn run(spec: Spec, handle: Handle, mut rx: mpsc::Receiver<In>) {
    let Spec { hub, id, role, term: term_name, size: (w, h), channel, .. } = spec;
    let theme = theme_for(&hub, &term_name);
    let mut state = hub.fresh_state();
    let mut lead_rx = hub.lead.subscribe();
    let mut counts_rx = hub.counts.subscribe();
    let mut stop_rx = hub.stop.subscribe();
    state.class = Some(match role {
        Role::Teacher => {
            let (students, following) = *counts_rx.borrow_and_update();
            Class::Teacher { leading: false, students, following }
        }
        Role::Student => Class::Student { following: true, led: lead_rx.borrow().is_some() },
    });
    hub.enrol(id, role, role == Role::Student);
    if role == Role::Student {
        state.message = Some(crate::cli::FIRST_VISIT.into());
    }
    // Where the teacher was when this follower last copied them.
    let mut followed: Option<Lead> = None;
    if role == Role::Student
        && let Some(lead) = lead_rx.borrow_and_update().clone()
    {
        class::follow(&mut state, &lead);
        followed = Some(lead);
    }

    let (out, mut out_rx) = mpsc::channel::<Vec<u8>>(QUEUE);
    let writer = {
        let handle = handle.clone();
        tokio::spawn(async move {
            while let Some(bytes) = out_rx.recv().await {
                if handle.data(channel, bytes).await.is_err() {
                    return;
                }
            }
        })
    };

    let Ok(mut screen) = Screen::new(out, w, h) else { return };
    let mut input = Input::default();
    let mut dirty = true;
    let mut esc_due: Option<Instant> = None;
    let mut next_tick: Option<Instant> = None;
    let mut retry: Option<Instant> = None;
    let mut goodbye = "Goodbye.";
    let idle = hub.idle_timeout;
    let mut idle_due = Instant::now() + idle;
    loop {
        if dirty && retry.is_none() {
            match screen.show(&mut state, &theme) {
                Ok(true) => dirty = false,
                // Dropped: try again once the client may have caught up.
                Ok(false) => retry = Some(Instant::now() + RETRY),
                Err(_) => break,
            }
        }
        if state.wants_tick() {
            next_tick.get_or_insert_with(|| Instant::now() + Duration::from_secs(1));
        } else {
            next_tick = None;
        }
        let mut keys = Vec::new();
        tokio::select! {
            msg = rx.recv() => match msg {
                Some(In::Bytes(b)) => {
                    idle_due = Instant::now() + idle;
                    keys = input.feed(&b);
                    esc_due = input.pending().then(|| Instant::now() + ESC_WAIT);
                }
                Some(In::Resize(nw, nh)) => {
                    screen.resize(nw, nh);
                    update(&mut state, Action::Resize(nw, nh));
                    dirty = true;
                }
                Some(In::Closed) | None => break,
            },
            _ = sleep_until(esc_due.unwrap_or_else(Instant::now)), if esc_due.is_some() => {
                keys = input.flush();
                // Still held (an unfinished paste): look again, until the input drops it.
                esc_due = input.pending().then(|| Instant::now() + ESC_WAIT);
            }
            _ = sleep_until(idle_due), if !idle.is_zero() => {
                goodbye = "Closed after a long time without a key (connect again to go on).";
                break;
            }
            _ = sleep_until(retry.unwrap_or_else(Instant::now)), if retry.is_some() => {
                retry = None;
                dirty = true;
            }
            _ = sleep_until(next_tick.unwrap_or_else(Instant::now)), if next_tick.is_some() => {
                next_tick = Some(Instant::now() + Duration::from_secs(1));
                dirty |= update(&mut state, Action::Tick);
            }
            changed = lead_rx.changed(), if role == Role::Student => {
                if changed.is_err() { break; }
                let lead = lead_rx.borrow_and_update().clone();
                if let Some(Class::Student { following, led }) = &mut state.class {
                    *led = lead.is_some();
                    if *following && let Some(lead) = &lead {
                        // Following a class is using the session, keys or not.
                        idle_due = Instant::now() + idle;
                        class::follow(&mut state, lead);
                        followed = Some(lead.clone());
                    }
                }
                dirty = true;
            }
            changed = counts_rx.changed(), if role == Role::Teacher => {
                if changed.is_err() { break; }
                let (n, f) = *counts_rx.borrow_and_update();
                if let Some(Class::Teacher { students, following, .. }) = &mut state.class {
                    (*students, *following) = (n, f);
                }
                dirty = true;
            }
            _ = stop_rx.changed() => {
                goodbye = "The teacher stopped the server. Goodbye.";
                break;
            }
        }
        if keys.is_empty() {
            continue;
        }
        let before = state.class;
        crate::app::update::begin_batch(&mut state);
        for key in keys {
            #[cfg(debug_assertions)]
            test_panic(&key);
            if let Some(action) = crate::tui::action_for(&state, &Event::Key(key)) {
                dirty |= update(&mut state, action);
            }
            effects(&mut state, &screen.sink);
            if state.quit {
                break;
            }
        }
        dirty |= crate::app::update::end_batch(&mut state);
        if state.quit {
            break;
        }
        if state.suspend {
            state.suspend = false;
            state.message = Some("Ctrl-Z does nothing over SSH (q quits).".into());
            dirty = true;
        }
        class_after_keys(&hub, id, &mut state, before, &mut followed);
    }
    if role == Role::Teacher && matches!(state.class, Some(Class::Teacher { leading: true, .. })) {
        hub.lead.send_replace(None);
    }
    // Give the client its screen back, with a line that says what happened.
    let mut bye = screen.sink.take();
    bye.extend_from_slice(LEAVE);
    bye.extend_from_slice(format!("kz-timeline: {goodbye}\r\n").as_bytes());
    drop(screen);
    let _ = tokio::time::timeout(Duration::from_secs(1), writer).await;
    let _ = tokio::time::timeout(Duration::from_secs(1), handle.data(channel, bye)).await;
}

/// Debug builds only: F12 panics when KZ_TIMELINE_TEST_PANIC is set in the server's
/// environment, so the tests can check that a panic ends that session only.
#[cfg(debug_assertions)]
fn test_panic(key: &ratatui::crossterm::event::KeyEvent) {
    if key.code == ratatui::crossterm::event::KeyCode::F(12) && std::env::var_os("KZ_TIMELINE_TEST_PANIC").is_some() {
        panic!("deliberate panic in a session (KZ_TIMELINE_TEST_PANIC)");
    }
}

/// After a batch of keys: a leading teacher publishes where they are; a student who moved on
/// their own stops following; the roster hears of any change.
fn class_after_keys(hub: &Hub, id: u64, state: &mut State, before: Option<Class>, followed: &mut Option<Lead>) {
    match state.class {
        Some(Class::Teacher { leading, .. }) => {
            let was_leading = matches!(before, Some(Class::Teacher { leading: true, .. }));
            if leading {
                let lead = class::lead_of(state);
                hub.lead.send_if_modified(|l| {
                    let changed = l.as_ref() != Some(&lead);
                    if changed {
                        *l = Some(lead);
                    }
                    changed
                });
            } else if was_leading {
                hub.lead.send_replace(None);
            }
        }
        Some(Class::Student { following, led }) => {
            let was_following = matches!(before, Some(Class::Student { following: true, .. }));
            if was_following && following && followed.as_ref().is_some_and(|l| class::lead_of(state) != *l) {
                // A key that moved: the student explores on their own now.
                // (The footer says so, with the key to follow again.)
                state.class = Some(Class::Student { following: false, led });
            }
            let now_following = matches!(state.class, Some(Class::Student { following: true, .. }));
            if now_following && !was_following {
                // Rejoining: jump to where the teacher is now.
                if let Some(lead) = hub.lead.borrow().clone() {
                    class::follow(state, &lead);
                    *followed = Some(lead);
                }
            }
            if now_following != was_following {
                hub.enrol(id, Role::Student, now_following);
            }
        }
        None => {}
    }
}

/// What the state asked of the outside world, as a session over SSH can do it.
fn effects(state: &mut State, sink: &Sink) {
    for effect in std::mem::take(&mut state.effects) {
        match effect {
            // Marks belong to this session only; nothing is written on the teacher's machine.
            Effect::SaveState | Effect::Publish(_) => {}
            // The clipboard is the student's own: the sequence goes to their terminal.
            Effect::Copy(text) => sink.push(crate::tui::osc52(&text).as_bytes()),
            Effect::Handout(_) => {
                crate::app::update::notice(
                    state,
                    "Handouts are written by the teacher's own kz-timeline, not over SSH (ask your teacher).".into(),
                );
            }
        }
    }
}
