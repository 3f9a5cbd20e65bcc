//! Saving marks when more than one instance may be running on the same timeline (a presenter's
//! screen and the projector, two terminals): read, merge and write under a lock, off the UI thread.
//!
//! **Merge rules.** Each instance remembers its marks as it last read or wrote them (its *base*).
//! To save, it takes an exclusive lock on `NAME.lock` beside the state file (held only while
//! saving; see `std::fs::File::lock`), reads the file again, and applies *its own changes since
//! its base*: marks it added are added, marks it removed are removed, and everything else in the
//! file stays as it is — other instances' marks, and ids this timeline no longer has. So a mark
//! removed in one instance stays removed even though another instance still shows it, and when
//! two instances change the same mark, the later save wins. An instance sees the others' marks
//! at its next start. `last` is written only by the explorer ([`Session::open`]'s `writes_last`);
//! otherwise the file's `last` is kept.
//!
//! A save with nothing to change writes nothing, so a quiz never touches the file. Saving runs on
//! a thread of its own ([`Saver`]): the UI never waits for a disk, saves asked for while one is
//! under way are merged into one, and problems come back as short notices for the footer (the
//! first time, and when they change) and as warnings for the shell after quitting.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;

use super::{Found, Saved, display_path, io_reason, move_aside, read, write};

/// The longest notice, so that it fits the footer of an 80-column terminal.
pub const NOTICE_WIDTH: usize = 76;

/// What the app has now: the ids of its marked events and the event it is on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub marks: Vec<String>,
    pub last: Option<String>,
}

/// Why marks cannot be saved: a footer notice and a fuller sentence for the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub notice: String,
    pub warning: String,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to change: nothing written.
    Unchanged,
    /// The file was written; an unreadable file found there was first moved to this path.
    Written { moved_aside: Option<PathBuf> },
}

/// One instance's link to its state file.
#[derive(Debug)]
pub struct Session {
    path: PathBuf,
    label: String,
    writes_last: bool,
    /// The marks as last read or written.
    base: HashSet<String>,
    /// `last` as last read or written.
    last: Option<String>,
    /// Why nothing may be written at all (a newer version's file, a file that cannot be opened).
    blocked: Option<Problem>,
    /// Things to tell the shell after quitting.
    warnings: Vec<String>,
}

/// What [`Session::open`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opened {
    pub saved: Option<Saved>,
    /// A notice for the footer at start-up.
    pub notice: Option<String>,
}

/// `notice` with `{}` replaced by `path` shown as long as fits in [`NOTICE_WIDTH`].
fn fit_notice(template: &str, path: &Path) -> String {
    let room = NOTICE_WIDTH.saturating_sub(template.chars().count() - 2).max(16);
    template.replace("{}", &display_path(path, room))
}

fn file_name_of(path: &Path) -> PathBuf {
    path.file_name().map(PathBuf::from).unwrap_or_else(|| path.to_path_buf())
}

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

/// Take the exclusive lock beside `path` (created if needed); released when dropped. Where the
/// file system cannot lock, saving goes on without it: better than not saving.
fn lock(path: &Path) -> std::io::Result<File> {
    let f = File::options().create(true).truncate(false).write(true).open(lock_path(path))?;
    match f.lock() {
        Ok(()) => Ok(f),
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => Ok(f),
        Err(e) => Err(e),
    }
}

impl Session {
    /// The state file this session reads and writes.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Read the state file at `path` for the timeline `label`. An unreadable file is moved aside
    /// at once (under the lock, after reading it again in case another instance just replaced
    /// it); a newer version's file or one that cannot be opened blocks saving for this run.
    pub fn open(path: PathBuf, label: &str, writes_last: bool) -> (Session, Opened) {
        let mut s = Session {
            path,
            label: label.to_string(),
            writes_last,
            base: HashSet::new(),
            last: None,
            blocked: None,
            warnings: Vec::new(),
        };
        let mut opened = Opened::default();
        let found = match read(&s.path) {
            Found::Unreadable { .. } => match lock(&s.path) {
                Ok(_lock) => {
                    let (found, kept) = s.keep_unreadable(read(&s.path));
                    opened.notice = kept.as_deref().map(Self::kept_notice);
                    found
                }
                Err(e) => {
                    s.block_unmovable(&e);
                    Found::Missing
                }
            },
            other => other,
        };
        match found {
            Found::Saved(saved) => {
                s.last = saved.last.clone();
                opened.saved = Some(saved);
            }
            Found::Missing | Found::Unreadable { .. } => {}
            Found::Newer { version } => s.block_newer(version),
            Found::Inaccessible(_, reason) => {
                s.blocked = Some(Problem {
                    notice: fit_notice(&format!("Marks can't be saved: {{}}: {reason}."), &s.path),
                    warning: format!(
                        "marks were not saved: the state file {} cannot be read ({reason})",
                        display_path(&s.path, 1000)
                    ),
                });
            }
        }
        if opened.notice.is_none() {
            opened.notice = s.blocked.as_ref().map(|b| b.notice.clone());
        }
        (s, opened)
    }

    /// Under the lock: move the file aside if it is (still) unreadable, and return where it went
    /// (nothing is then at `path`). Saving is blocked when it cannot be moved.
    fn keep_unreadable(&mut self, found: Found) -> (Found, Option<PathBuf>) {
        let Found::Unreadable { reason } = &found else { return (found, None) };
        match move_aside(&self.path) {
            Ok(kept) => {
                self.warnings.push(format!(
                    "the saved state {} could not be read ({}); it was kept as {}",
                    display_path(&self.path, 1000),
                    crate::model::sanitize::line(reason),
                    display_path(&kept, 1000)
                ));
                (Found::Missing, Some(kept))
            }
            Err(e) => {
                self.block_unmovable(&e);
                (Found::Missing, None)
            }
        }
    }

    fn block_unmovable(&mut self, e: &std::io::Error) {
        let reason = io_reason(e);
        self.blocked = Some(Problem {
            notice: fit_notice("Marks can't be saved: {} is unreadable and can't be moved aside.", &self.path),
            warning: format!(
                "marks were not saved: the state file {} is unreadable and could not be moved aside ({reason})",
                display_path(&self.path, 1000)
            ),
        });
    }

    fn kept_notice(kept: &Path) -> String {
        let template = "Unreadable saved marks kept as {}.";
        let room = NOTICE_WIDTH.saturating_sub(template.chars().count() - 2);
        let name = file_name_of(kept);
        template.replace("{}", &crate::text::clip_middle(&crate::model::sanitize::line(&name.to_string_lossy()), room))
    }

    fn block_newer(&mut self, version: u64) {
        self.blocked = Some(Problem {
            notice: fit_notice(&format!("Marks won't be saved: {{}} is from a newer version ({version})."), &self.path),
            warning: format!(
                "marks were not saved: {} was written by a newer kz-timeline (state version {version}) and is left as it is",
                display_path(&self.path, 1000)
            ),
        });
    }

    /// Set the marks the app starts with (those of the file it knows, after restoring them).
    pub fn set_base(&mut self, marks: &[String]) {
        self.base = marks.iter().cloned().collect();
    }

    /// Save what changed since the last save or the start, merged with the file as it is now.
    pub fn sync(&mut self, now: &Snapshot) -> Result<Outcome, Problem> {
        let current: HashSet<&str> = now.marks.iter().map(String::as_str).collect();
        let added: Vec<&str> = now.marks.iter().map(String::as_str).filter(|m| !self.base.contains(*m)).collect();
        let removed: HashSet<String> = self.base.iter().filter(|m| !current.contains(m.as_str())).cloned().collect();
        let last_changed = self.writes_last && now.last != self.last;
        if added.is_empty() && removed.is_empty() && !last_changed {
            return Ok(Outcome::Unchanged);
        }
        if let Some(b) = &self.blocked {
            return Err(b.clone());
        }
        let failed = |s: &Session, reason: String| Problem {
            notice: fit_notice(&format!("Marks can't be saved to {{}}: {reason}."), &s.path),
            warning: format!("could not save marks to {}: {reason}", display_path(&s.path, 1000)),
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| failed(self, io_reason(&e)))?;
        }
        let _lock = lock(&self.path).map_err(|e| failed(self, io_reason(&e)))?;
        let mut moved_aside = None;
        let disk = match read(&self.path) {
            Found::Missing => None,
            Found::Saved(s) => Some(s),
            Found::Newer { version } => {
                self.block_newer(version);
                return Err(self.blocked.clone().expect("just blocked"));
            }
            found @ Found::Unreadable { .. } => {
                let (_, kept) = self.keep_unreadable(found);
                if let Some(b) = &self.blocked {
                    return Err(b.clone());
                }
                moved_aside = kept;
                None
            }
            Found::Inaccessible(_, reason) => return Err(failed(self, reason)),
        };
        let old = disk.clone().unwrap_or_else(|| Saved::new(&self.label, Vec::new(), None));
        let mut marks: Vec<String> = old.marks.iter().filter(|m| !removed.contains(*m)).cloned().collect();
        for m in added {
            if !marks.iter().any(|k| k == m) {
                marks.push(m.to_string());
            }
        }
        let last = if self.writes_last { now.last.clone() } else { old.last.clone() };
        let new = Saved::new(&self.label, marks, last);
        if disk.as_ref() != Some(&new) {
            write(&self.path, &new).map_err(|e| failed(self, io_reason(&e)))?;
        }
        self.base = now.marks.iter().cloned().collect();
        if self.writes_last {
            self.last = now.last.clone();
        }
        Ok(Outcome::Written { moved_aside })
    }
}

enum Request {
    Save(Snapshot),
    Finish(Option<Snapshot>),
}

/// Saves a [`Session`] on a thread of its own.
pub struct Saver {
    tx: mpsc::Sender<Request>,
    thread: thread::JoinHandle<Vec<String>>,
}

impl Saver {
    /// Start saving. `notify` gets each notice for the footer (it is called on the saver's thread).
    pub fn spawn(mut session: Session, notify: Box<dyn Fn(String) + Send>) -> Saver {
        let (tx, rx) = mpsc::channel();
        let thread = thread::Builder::new()
            .name("state".into())
            .spawn(move || {
                let mut problem: Option<Problem> = None;
                while let Ok(first) = rx.recv() {
                    let mut finish = false;
                    let mut snap = None;
                    for req in std::iter::once(first).chain(rx.try_iter()) {
                        match req {
                            Request::Save(s) => snap = Some(s),
                            Request::Finish(s) => {
                                snap = s.or(snap);
                                finish = true;
                            }
                        }
                    }
                    match snap.map(|snap| session.sync(&snap)) {
                        None => {}
                        Some(Ok(outcome)) => {
                            if let Outcome::Written { moved_aside: Some(kept) } = &outcome {
                                notify(Session::kept_notice(kept));
                            } else if problem.is_some() && matches!(outcome, Outcome::Written { .. }) {
                                notify(fit_notice("Marks saved again to {}.", &session.path));
                            }
                            problem = None;
                        }
                        Some(Err(p)) => {
                            if problem.as_ref() != Some(&p) && !finish {
                                notify(p.notice.clone());
                            }
                            problem = Some(p);
                        }
                    }
                    if finish {
                        break;
                    }
                }
                let mut warnings = std::mem::take(&mut session.warnings);
                warnings.extend(problem.map(|p| p.warning));
                warnings
            })
            .expect("spawn the state thread");
        Saver { tx, thread }
    }

    /// Ask for a save (returns at once).
    pub fn save(&self, now: Snapshot) {
        let _ = self.tx.send(Request::Save(now));
    }

    /// The last save (of `now`, or only what was asked before when `None`): waits for it and
    /// returns what to tell the shell (files moved aside, marks that could not be saved).
    pub fn finish(self, now: Option<Snapshot>) -> Vec<String> {
        let _ = self.tx.send(Request::Finish(now));
        self.thread.join().unwrap_or_else(|_| vec!["the state thread failed; marks may not be saved".into()])
    }
}

#[cfg(test)]
mod tests;
