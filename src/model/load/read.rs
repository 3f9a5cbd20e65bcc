//! Reading a timeline's bytes: a regular file, a named pipe or process substitution, or standard
//! input (`-`), always up to `--max-size`; then the bytes as UTF-8 text.
//!
//! Pipes and standard input are read on a helper thread, so that when nothing has arrived for a
//! second the caller can say it is waiting ([`LoadOptions::on_wait`]): a mistyped command then
//! shows why nothing happens instead of a blank screen.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use super::{LoadError, LoadOptions, locate};
use crate::model::sanitize;

/// The file argument that means standard input.
pub const STDIN_ARG: &str = "-";
/// How standard input is named in messages.
pub const STDIN_LABEL: &str = "(standard input)";
/// How long a pipe may stay silent before the caller is told that the load is waiting.
pub const WAIT_NOTICE_AFTER: Duration = Duration::from_secs(1);

/// Whether `path` means standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN_ARG
}

/// How a path is named in messages: its display form, sanitised; `-` is standard input.
pub fn label(path: &Path) -> String {
    if is_stdin(path) { STDIN_LABEL.to_string() } else { sanitize::line(&path.display().to_string()) }
}

pub(super) fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "no such file".to_string(),
        ErrorKind::PermissionDenied => "permission denied (the file is not readable)".to_string(),
        ErrorKind::IsADirectory => "is a directory, not a timeline file".to_string(),
        _ if e.raw_os_error() == Some(40) => "too many levels of symbolic links (a symlink loop?)".to_string(),
        _ => format!("cannot read the file: {}", sanitize::line(&e.to_string())),
    }
}

/// Read a file's bytes (or standard input's, for `-`), refusing directories, devices and
/// anything over `max_size`.
pub fn read_file(path: &Path, opts: &LoadOptions) -> Result<Vec<u8>, LoadError> {
    let file = label(path);
    let io = |e: std::io::Error| LoadError::Io { file: file.clone(), message: io_message(&e) };
    if is_stdin(path) {
        return read_stream(path, &file, opts, || Ok(Box::new(std::io::stdin())));
    }
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::Io { file, message: "is a directory, not a timeline file".into() });
    }
    #[cfg(unix)]
    let is_fifo = std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type());
    #[cfg(not(unix))]
    let is_fifo = false;
    if is_fifo {
        // Opening a named pipe waits for a writer, so it is opened on the reading thread too.
        let owned = path.to_path_buf();
        return read_stream(path, &file, opts, move || Ok(Box::new(File::open(owned)?)));
    }
    if !meta.is_file() {
        return Err(LoadError::Io { file, message: "is not a regular file (a device or socket?)".into() });
    }
    if meta.len() > opts.max_size {
        return Err(LoadError::TooLarge { file, size: Some(meta.len()), limit: opts.max_size });
    }
    let f = File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(opts.max_size + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > opts.max_size {
        // The file grew while it was read.
        return Err(LoadError::TooLarge { file, size: None, limit: opts.max_size });
    }
    Ok(bytes)
}

/// What the reading thread reports: the first bytes arrived, or the end.
enum FromReader {
    Started,
    Done(std::io::Result<Vec<u8>>),
}

/// Read a stream to its end (at most `max_size + 1` bytes, to tell that it is too big) on a
/// helper thread, calling `opts.on_wait` once if nothing arrives for [`WAIT_NOTICE_AFTER`].
fn read_stream(
    path: &Path,
    file: &str,
    opts: &LoadOptions,
    open: impl FnOnce() -> std::io::Result<Box<dyn Read + Send>> + Send + 'static,
) -> Result<Vec<u8>, LoadError> {
    let limit = opts.max_size.saturating_add(1);
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::Builder::new().name("read".into()).spawn(move || {
        let result = open().and_then(|src| {
            let mut src = src.take(limit);
            let mut bytes = Vec::new();
            let mut block = vec![0u8; 64 << 10];
            loop {
                match src.read(&mut block) {
                    Ok(0) => return Ok(bytes),
                    Ok(n) => {
                        if bytes.is_empty() {
                            let _ = tx.send(FromReader::Started);
                        }
                        bytes.extend_from_slice(&block[..n]);
                    }
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        });
        let _ = tx.send(FromReader::Done(result));
    });
    let io = |e: std::io::Error| LoadError::Io { file: file.to_string(), message: io_message(&e) };
    reader.map_err(io)?;
    // Told once, and only while nothing has arrived.
    let mut told = false;
    let result = loop {
        let msg = if told {
            rx.recv().ok()
        } else {
            match rx.recv_timeout(WAIT_NOTICE_AFTER) {
                Ok(m) => Some(m),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    told = true;
                    if let Some(notice) = opts.on_wait {
                        notice(path);
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => None,
            }
        };
        match msg {
            Some(FromReader::Started) => told = true,
            Some(FromReader::Done(r)) => break r,
            None => break Err(std::io::Error::other("the reading thread stopped")),
        }
    };
    let bytes = result.map_err(io)?;
    if bytes.len() as u64 > opts.max_size {
        return Err(LoadError::TooLarge { file: file.to_string(), size: None, limit: opts.max_size });
    }
    Ok(bytes)
}

/// Bytes → UTF-8 text (a UTF-8 byte-order mark is accepted and skipped).
pub fn decode<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, LoadError> {
    let enc = |message: String| LoadError::Encoding { file: file.to_string(), message };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(enc("the file is UTF-16 text; timeline files must be UTF-8 (re-save it as UTF-8)".into()));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        let (line, col) = locate::line_col(valid, at);
        enc(format!("not valid UTF-8 at byte {at} (line {line}, column {col}); timeline files must be UTF-8"))
    })?;
    if text.is_empty() {
        return Err(enc("the file is empty".into()));
    }
    if text.trim().is_empty() {
        return Err(enc("the file contains only whitespace".into()));
    }
    Ok(text)
}
