//! `--watch`: follow the file on disk. The directory holding it is watched (editors save by
//! writing a new file and renaming it over the old one, which a watch on the file itself would
//! lose); a burst of changes is taken as one save once the file has been quiet for
//! [`SETTLE`]; the file is then loaded on this thread, exactly as at start, and the result is
//! handed to the app's loop (see `app::reload`). A save that leaves the bytes' size and
//! modification time as they were is not reloaded.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use notify::{RecursiveMode, Watcher};

use super::args::ImportArgs;
use crate::model::load::Report;
use crate::tui::Waker;

/// How long the file must stay unchanged before it is read.
pub const SETTLE: Duration = Duration::from_millis(200);

/// Watching stops when this is dropped.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
}

/// What `--watch` can follow: a regular file (not standard input, a pipe or the bundled timeline).
pub fn check(file: Option<&Path>) -> Result<(), String> {
    let Some(path) = file else {
        return Err("--watch follows a file: name one (the bundled timeline does not change)".into());
    };
    if path == Path::new("-") {
        return Err("--watch follows a file on disk; standard input cannot be read again".into());
    }
    // (A file that cannot be opened is reported by the load, with the reason.)
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(format!("--watch follows a file on disk; {} is not one", crate::model::load::label(path)));
    }
    Ok(())
}

/// Start watching `path`; each save that changed it reaches the app through `waker`.
pub fn start(path: &Path, max_size: u64, import: &ImportArgs, waker: Waker) -> Result<Watch, String> {
    // Loaded by the name it was given (so messages name it as the user typed it), watched by
    // its real place.
    let given = path.to_path_buf();
    let path = std::fs::canonicalize(path).map_err(|e| format!("--watch: {e}"))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = path.file_name().map(ToOwned::to_owned);
    // The version on screen (loaded just before); taken now, before any change can arrive.
    let shown = stamp(&path);
    let (tx, rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res
            && !matches!(ev.kind, notify::EventKind::Access(_))
            && ev.paths.iter().any(|p| p.file_name() == name.as_deref())
        {
            let _ = tx.send(());
        }
    })
    .map_err(|e| format!("--watch: cannot watch {}: {e}", dir.display()))?;
    watcher
        .watch(&dir, RecursiveMode::NonRecursive)
        .map_err(|e| format!("--watch: cannot watch {}: {e}", dir.display()))?;
    let import = import.clone();
    std::thread::Builder::new()
        .name("watch".into())
        .spawn(move || follow(&given, shown, max_size, &import, &rx, &waker))
        .map_err(|e| format!("--watch: {e}"))?;
    Ok(Watch { _watcher: watcher })
}

/// The file's size and modification time: a save that keeps both is not a change.
fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    std::fs::metadata(path).ok().and_then(|m| Some((m.len(), m.modified().ok()?)))
}

fn follow(
    path: &Path,
    shown: Option<(u64, SystemTime)>,
    max_size: u64,
    import: &ImportArgs,
    changes: &mpsc::Receiver<()>,
    waker: &Waker,
) {
    let mut last = shown;
    // Each change, then quiet for SETTLE; ends when the app drops the watcher.
    while changes.recv().is_ok() {
        loop {
            match changes.recv_timeout(SETTLE) {
                Ok(()) => continue,
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        let now = stamp(path);
        if now.is_some() && now == last {
            continue;
        }
        last = now;
        let result = super::load_timeline(Some(&path.to_path_buf()), max_size, import)
            .map(|(t, _)| t)
            .map_err(|e| Report(&e, 20).to_string());
        waker.reloaded(result);
    }
}
