//! Replacing a file atomically: write a temporary file in the same directory, flush it to disk,
//! rename it over the target and flush the directory. A crash, a full disk or a second writer can
//! never leave a half-written file; readers see the old version or the new one.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Write `bytes` to `path` atomically. The directory must exist. On failure the temporary file
/// is removed and `path` is left as it was.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_then(path, bytes, false, |tmp| fs::rename(tmp, path))
}

/// As [`atomic_write`], for a secret (the `serve` host key): on Unix only the owner can ever
/// read the file, from the moment the temporary file is created.
pub fn atomic_write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_then(path, bytes, true, |tmp| fs::rename(tmp, path))
}

/// As [`atomic_write`], but never replaces a file: when `path` exists, nothing is written and the
/// error is [`io::ErrorKind::AlreadyExists`]. The new file appears whole, by a hard link from the
/// temporary one (which fails if the name is taken, so two writers cannot both win); on a file
/// system without hard links, by a rename after checking that the name is free.
pub fn atomic_write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let taken = || io::Error::new(io::ErrorKind::AlreadyExists, "a file of that name exists");
    write_then(path, bytes, false, |tmp| match fs::hard_link(tmp, path) {
        Ok(()) => fs::remove_file(tmp),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if path.symlink_metadata().is_ok() => Err(taken()),
        Err(_) => fs::rename(tmp, path),
    })
}

/// Write `bytes` to a temporary file beside `path`, flush it, then `finish` it (rename or link
/// it into place) and flush the directory. The temporary file never outlives a failure.
fn write_then(
    path: &Path,
    bytes: &[u8],
    private: bool,
    finish: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path does not name a file"))?
        .to_string_lossy();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = dir.join(format!(".{name}.{}.{}.tmp", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    let result = (|| {
        let mut options = File::options();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let mut f = options.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        finish(&tmp)?;
        // Make the rename (or link) itself durable.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.html");
        atomic_write(&path, b"one").unwrap();
        atomic_write(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_target_alone() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a non-empty directory: the rename fails after the data was written.
        let path = dir.path().join("taken");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("keep"), b"x").unwrap();
        assert!(atomic_write(&path, b"data").is_err());
        assert!(path.join("keep").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "temporary file removed");
        assert!(atomic_write(&dir.path().join("missing/out.md"), b"x").is_err());
    }

    #[test]
    fn a_new_file_never_replaces_one_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("handout.html");
        atomic_write_new(&path, b"first").unwrap();
        let e = atomic_write_new(&path, b"second").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"first");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
        // A dangling symlink is a name taken too: nothing is written through it.
        let link = dir.path().join("link.html");
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), &link).unwrap();
        assert_eq!(atomic_write_new(&link, b"x").unwrap_err().kind(), io::ErrorKind::AlreadyExists);
        assert!(!dir.path().join("elsewhere").exists());
        assert!(atomic_write_new(&dir.path().join("missing/out.html"), b"x").is_err());
    }
}
