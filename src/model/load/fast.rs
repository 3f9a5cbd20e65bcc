//! The fast path for big files: the file is read in blocks while the `events` array is cut into
//! batches of whole events (a structural scan: strings, nesting and commas, nothing more), and
//! the batches are parsed, checked and converted on worker threads, in parallel with the reading.
//! Memory stays near the size of the model: the file's text is never held whole.
//!
//! The fast path only says yes or "not me": anything unusual (a syntax error, any problem in the
//! content, a byte-order mark, `regions` or `categories` after `events`, a pipe) makes it step
//! aside, and [`super::timeline_from_path`] loads the file the ordinary way, so every error
//! message is exactly the one a small file gets.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use super::convert::{self, Lookup};
use super::json_scan::{is_ws, string_end, value_end};
use super::native::{EventEntry, TIMELINE_FORMAT, TimelineFile, VERSION};
use super::{LoadError, LoadOptions};
use crate::model::{Category, Event, Region, Timeline};

/// How far a load has got, for a progress display. Updated by the loading threads.
#[derive(Debug, Default)]
pub struct Progress {
    /// The file's size in bytes (0 until known).
    pub total: AtomicU64,
    /// Bytes read from the file.
    pub read: AtomicU64,
    /// Bytes parsed, checked and converted.
    pub parsed: AtomicU64,
    /// Set to make the load stop early (its result is then an error nobody looks at).
    pub cancel: AtomicBool,
}

/// What the per-batch hook sees of the timeline besides the batch's events.
pub struct Context<'a> {
    pub regions: &'a [Region],
    pub categories: &'a [Category],
}

/// A batch's result: `base` is the file position (`events[base]`) of its first event.
pub struct Batch<B> {
    pub base: usize,
    pub len: usize,
    pub data: B,
}

/// A timeline loaded in parallel, with what the hook made of each batch (in file order).
pub struct Parallel<B> {
    pub timeline: Timeline,
    pub batches: Vec<Batch<B>>,
    /// Where each event went in the timeline, by file position; `None` when the file was
    /// already in chronological order.
    pub new_ix: Option<Vec<u32>>,
}

/// Why the fast path stepped aside: the file needs the ordinary loader (for an exact error
/// message, or because its layout is unusual).
#[derive(Debug)]
pub struct NotFast;

/// Bytes read per block; a batch is roughly one block of events.
const BLOCK: usize = 4 << 20;

/// Load `path` with parallel parsing, or say [`NotFast`]. `hook` runs on each batch of converted
/// events on a worker thread (the search index is folded there).
pub fn load<B: Send>(
    path: &Path,
    opts: &LoadOptions,
    default_regions: &[Region],
    progress: &Progress,
    hook: &(dyn Fn(&[Event], &Context<'_>) -> B + Sync),
) -> Result<Result<Parallel<B>, NotFast>, LoadError> {
    if super::is_stdin(path) {
        return Ok(Err(NotFast));
    }
    let file = super::label(path);
    let meta = std::fs::metadata(path)
        .map_err(|e| LoadError::Io { file: file.clone(), message: super::read::io_message(&e) })?;
    if !meta.is_file() || meta.len() > opts.max_size {
        return Ok(Err(NotFast));
    }
    progress.total.store(meta.len(), Ordering::Relaxed);
    let Ok(f) = File::open(path) else { return Ok(Err(NotFast)) };
    Ok(run(f, block_for(meta.len()), default_regions, progress, hook))
}

/// Bytes read at a time for a file of `len` bytes: [`BLOCK`] for big files; smaller ones are
/// cut into about eight batches, so that every worker gets some.
fn block_for(len: u64) -> usize {
    usize::try_from(len / 8).unwrap_or(BLOCK).clamp(64 << 10, BLOCK)
}

/// [`load`] reading `block` bytes at a time, so a test can cut a small file into many batches.
#[cfg(test)]
pub(super) fn load_in_blocks<B: Send>(
    path: &Path,
    block: usize,
    default_regions: &[Region],
    progress: &Progress,
    hook: &(dyn Fn(&[Event], &Context<'_>) -> B + Sync),
) -> Result<Parallel<B>, NotFast> {
    progress.total.store(std::fs::metadata(path).map_err(|_| NotFast)?.len(), Ordering::Relaxed);
    run(File::open(path).map_err(|_| NotFast)?, block, default_regions, progress, hook)
}

/// Blocks the workers are done with, for the reader to fill again: reusing them keeps the
/// memory allocator from handing out (and the kernel from zeroing) fresh pages for every block.
type Pool = Arc<Mutex<Vec<Vec<u8>>>>;

/// The reader's view of the file: a buffer holding `buf[pos..]` unconsumed, refilled in blocks.
struct Reader<'p> {
    f: File,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    progress: &'p Progress,
    pool: Pool,
    /// Bytes read at a time ([`BLOCK`]).
    block: usize,
}

impl Reader<'_> {
    /// Read another block. The unconsumed part (`buf[keep_from..]`) moves to the front of a new
    /// buffer; the old one is returned so a finished batch can take it without copying.
    fn refill(&mut self, keep_from: usize) -> Result<Vec<u8>, NotFast> {
        let mut next = self.pool.lock().ok().and_then(|mut p| p.pop()).unwrap_or_default();
        next.clear();
        next.reserve(self.block + (self.buf.len() - keep_from) + 64);
        next.extend_from_slice(&self.buf[keep_from..]);
        let old_len = next.len();
        next.resize(old_len + self.block, 0);
        let mut filled = old_len;
        while filled < next.len() {
            match self.f.read(&mut next[filled..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Err(NotFast),
            }
        }
        next.truncate(filled);
        self.progress.read.fetch_add((filled - old_len) as u64, Ordering::Relaxed);
        self.pos -= keep_from;
        Ok(std::mem::replace(&mut self.buf, next))
    }
}

/// Batches of events travelling to the workers: the block that holds them and their ranges.
struct Work {
    base: usize,
    block: Vec<u8>,
    ranges: Vec<(u32, u32)>,
}

/// What a worker sends back for a batch.
struct Done<B> {
    base: usize,
    /// Bytes of JSON the batch's events took.
    bytes: u64,
    events: Vec<Event>,
    related: Vec<convert::Links>,
    data: B,
}

/// The batches put together in file order as they come back, so that each batch's events are
/// moved into the timeline (and freed) while the rest still loads: holding every batch until
/// the end, then copying, would need the memory of all the events twice.
struct Assembly<B> {
    events: Vec<Event>,
    related: Vec<convert::Links>,
    batches: Vec<Batch<B>>,
    /// Batches that came back before one ahead of them in the file.
    early: std::collections::BTreeMap<usize, Done<B>>,
    /// Bytes of the file, to estimate the number of events from the first batch.
    file_bytes: u64,
}

impl<B> Assembly<B> {
    fn add(&mut self, d: Done<B>) {
        self.early.insert(d.base, d);
        while let Some(d) = self.early.remove(&self.events.len()) {
            if self.events.is_empty() && d.bytes > 0 {
                // Room for all the events at the first batch's size per event, and a little
                // more, so the big vector is not copied as it grows.
                let estimate = self.file_bytes as f64 * d.events.len() as f64 / d.bytes as f64;
                let n = (estimate * 1.05) as usize + 16;
                self.events.reserve_exact(n);
                self.related.reserve_exact(n);
            }
            self.batches.push(Batch { base: d.base, len: d.events.len(), data: d.data });
            self.events.extend(d.events);
            self.related.extend(d.related);
        }
    }
}

fn run<B: Send>(
    f: File,
    block: usize,
    default_regions: &[Region],
    progress: &Progress,
    hook: &(dyn Fn(&[Event], &Context<'_>) -> B + Sync),
) -> Result<Parallel<B>, NotFast> {
    let mut r = Reader { f, buf: Vec::new(), pos: 0, eof: false, progress, pool: Pool::default(), block };
    r.refill(0)?;
    r.ws()?;
    if r.peek() != Some(b'{') {
        return Err(NotFast); // Not an object, or a byte-order mark: the ordinary loader says which.
    }
    r.pos += 1;
    r.ws()?;
    if r.peek() == Some(b'}') {
        return Err(NotFast);
    }
    // The top-level members other than "events", as written, to be parsed as a small document.
    let mut head: Vec<u8> = b"{".to_vec();
    let mut keys_after_events: Vec<String> = Vec::new();
    let mut streamed: Option<(Assembly<B>, convert::Head)> = None;
    loop {
        // "key"
        let key_end = loop {
            if r.peek() != Some(b'"') {
                return Err(NotFast);
            }
            match string_end(&r.buf, r.pos) {
                Some(e) => break e,
                None => r.more()?,
            }
        };
        let key: String = serde_json::from_slice(&r.buf[r.pos..key_end]).map_err(|_| NotFast)?;
        r.pos = key_end;
        r.ws()?;
        if r.peek() != Some(b':') {
            return Err(NotFast);
        }
        r.pos += 1;
        r.ws()?;
        if key == "events" {
            if streamed.is_some() || r.peek() != Some(b'[') {
                return Err(NotFast);
            }
            r.pos += 1;
            // Everything before the events is known: check it, then stream the events.
            let mut h = head.clone();
            h.extend_from_slice(if h.len() > 1 { b",\"events\":[]}" } else { b"\"events\":[]}" });
            let mut parsed: TimelineFile = serde_json::from_slice(&h).map_err(|_| NotFast)?;
            if parsed.format != TIMELINE_FORMAT || parsed.version != VERSION {
                return Err(NotFast);
            }
            let mut problems = Vec::new();
            let head_conv = convert::head(&mut parsed, default_regions, &mut problems);
            // Warnings are for `check`, which reads files the ordinary way.
            if problems.iter().any(|p| !p.warning) {
                return Err(NotFast);
            }
            let done = stream_events(&mut r, &head_conv, progress, hook)?;
            streamed = Some((done, head_conv));
        } else {
            let end = loop {
                match value_end(&r.buf, r.pos) {
                    Ok(e) => break e,
                    Err(true) => r.more()?,
                    Err(false) => return Err(NotFast),
                }
            };
            if streamed.is_some() {
                keys_after_events.push(key.clone());
            }
            if head.len() > 1 {
                head.push(b',');
            }
            head.extend_from_slice(serde_json::to_string(&key).map_err(|_| NotFast)?.as_bytes());
            head.push(b':');
            head.extend_from_slice(&r.buf[r.pos..end]);
            r.pos = end;
        }
        r.ws()?;
        match r.peek() {
            Some(b',') => {
                r.pos += 1;
                r.ws()?;
            }
            Some(b'}') => {
                r.pos += 1;
                break;
            }
            _ => return Err(NotFast),
        }
    }
    // Only whitespace may follow.
    r.ws()?;
    if r.peek().is_some() {
        return Err(NotFast);
    }
    let Some((done, mut head_conv)) = streamed else { return Err(NotFast) };
    if keys_after_events.iter().any(|k| k == "regions" || k == "categories") {
        return Err(NotFast);
    }
    // The whole top level once more, with the members after the events, for its checks
    // (unknown fields, duplicate keys, types).
    head.extend_from_slice(if head.len() > 1 { b",\"events\":[]}" } else { b"\"events\":[]}" });
    let whole = serde_json::from_slice::<TimelineFile>(&head).map_err(|_| NotFast)?;
    if keys_after_events.iter().any(|k| k == "eras") {
        // Like the glossary: nothing the events need.
        let mut problems = Vec::new();
        convert::set_eras(&mut head_conv, whole.eras, &mut problems);
        if problems.iter().any(|p| !p.warning) {
            return Err(NotFast);
        }
    }
    if keys_after_events.iter().any(|k| k == "glossary") {
        // The glossary checks nothing the events need, so it may come after them.
        let mut problems = Vec::new();
        convert::set_glossary(&mut head_conv, whole.glossary, &mut problems);
        if problems.iter().any(|p| !p.warning) {
            return Err(NotFast);
        }
    }

    if !done.early.is_empty() {
        return Err(NotFast); // A batch is missing.
    }
    let Assembly { mut events, mut related, batches, .. } = done;
    events.shrink_to_fit();
    related.shrink_to_fit();
    let (timeline, new_ix) = convert::finish(head_conv, events, related, Vec::new()).map_err(|_| NotFast)?;
    Ok(Parallel { timeline, batches, new_ix })
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    /// Read more, keeping everything from `pos` on; fails at the end of the file.
    fn more(&mut self) -> Result<(), NotFast> {
        if self.eof || self.progress.cancel.load(Ordering::Relaxed) {
            return Err(NotFast);
        }
        self.refill(self.pos).map(drop)
    }

    /// Skip whitespace, reading more as needed (stops at the end of the file).
    fn ws(&mut self) -> Result<(), NotFast> {
        loop {
            while self.pos < self.buf.len() && is_ws(self.buf[self.pos]) {
                self.pos += 1;
            }
            if self.pos < self.buf.len() || self.eof {
                return Ok(());
            }
            self.more()?;
        }
    }
}

/// Cut the events array into batches and have them converted by workers. `r.pos` is just after
/// the `[`; on success it is just after the `]`.
fn stream_events<B: Send>(
    r: &mut Reader<'_>,
    head: &convert::Head,
    progress: &Progress,
    hook: &(dyn Fn(&[Event], &Context<'_>) -> B + Sync),
) -> Result<Assembly<B>, NotFast> {
    let lk = Lookup::new(head);
    let ctx = Context { regions: &head.regions, categories: &head.categories };
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
    let failed = AtomicBool::new(false);
    let (work_tx, work_rx) = mpsc::sync_channel::<Work>(workers * 2);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done<B>>();
    let pool = r.pool.clone();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let (work_rx, lk, ctx, failed, pool) = (&work_rx, &lk, &ctx, &failed, &pool);
            scope.spawn(move || {
                let mut problems = Vec::new();
                loop {
                    let next = work_rx.lock().ok().and_then(|rx| rx.recv().ok());
                    let Some(w) = next else { return };
                    if failed.load(Ordering::Relaxed) || progress.cancel.load(Ordering::Relaxed) {
                        failed.store(true, Ordering::Relaxed);
                        continue;
                    }
                    let mut events = Vec::with_capacity(w.ranges.len());
                    let mut related = Vec::with_capacity(w.ranges.len());
                    let mut bytes = 0u64;
                    for (k, &(s, e)) in w.ranges.iter().enumerate() {
                        bytes += u64::from(e - s);
                        let Ok(entry) = serde_json::from_slice::<EventEntry>(&w.block[s as usize..e as usize]) else {
                            failed.store(true, Ordering::Relaxed);
                            break;
                        };
                        let (ev, rel) = convert::event_checked(entry, w.base + k, lk, &mut problems);
                        if problems.iter().any(|p| !p.warning) {
                            failed.store(true, Ordering::Relaxed);
                            break;
                        }
                        problems.clear();
                        events.push(ev);
                        related.push(rel);
                    }
                    if let Ok(mut p) = pool.lock()
                        && p.len() < workers + 2
                    {
                        p.push(w.block);
                    }
                    if failed.load(Ordering::Relaxed) {
                        continue;
                    }
                    let data = hook(&events, ctx);
                    progress.parsed.fetch_add(bytes, Ordering::Relaxed);
                    if done_tx.send(Done { base: w.base, bytes, events, related, data }).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut done = Assembly {
            events: Vec::new(),
            related: Vec::new(),
            batches: Vec::new(),
            early: Default::default(),
            file_bytes: progress.total.load(Ordering::Relaxed),
        };
        let result = cut_batches(r, &work_tx, &failed, &mut || {
            while let Ok(d) = done_rx.try_recv() {
                done.add(d);
            }
        });
        drop(work_tx);
        done_rx.iter().for_each(|d| done.add(d));
        result?;
        if failed.load(Ordering::Relaxed) { Err(NotFast) } else { Ok(done) }
    })
}

/// The reader's loop: find whole events in the buffer and send them off a block at a time.
/// `collect` takes in the batches that are back, between blocks.
fn cut_batches(
    r: &mut Reader<'_>,
    work_tx: &mpsc::SyncSender<Work>,
    failed: &AtomicBool,
    collect: &mut dyn FnMut(),
) -> Result<(), NotFast> {
    let mut base = 0usize;
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    // An element may come next (after `[` or `,`), rather than `,` or `]`.
    let mut want_value = true;
    let mut first = true;
    loop {
        if failed.load(Ordering::Relaxed) || r.progress.cancel.load(Ordering::Relaxed) {
            return Err(NotFast);
        }
        let mut ended = false;
        {
            let b = &r.buf;
            while r.pos < b.len() {
                let c = b[r.pos];
                if is_ws(c) {
                    r.pos += 1;
                } else if want_value {
                    if c == b']' && first {
                        r.pos += 1;
                        ended = true;
                        break;
                    }
                    if c != b'{' {
                        return Err(NotFast);
                    }
                    match value_end(b, r.pos) {
                        Ok(e) => {
                            ranges.push((r.pos as u32, e as u32));
                            r.pos = e;
                            want_value = false;
                            first = false;
                        }
                        Err(true) => break,
                        Err(false) => return Err(NotFast),
                    }
                } else if c == b',' {
                    want_value = true;
                    r.pos += 1;
                } else if c == b']' {
                    r.pos += 1;
                    ended = true;
                    break;
                } else {
                    return Err(NotFast);
                }
            }
        }
        let block = if ended {
            // The rest of the buffer stays with the reader for the rest of the document.
            (!ranges.is_empty()).then(|| r.buf[..r.pos].to_vec())
        } else {
            // Whatever is incomplete moves to the next buffer; this one goes to a worker.
            if r.eof {
                return Err(NotFast);
            }
            let old = r.refill(r.pos)?;
            (!ranges.is_empty()).then_some(old)
        };
        if let Some(block) = block {
            let n = ranges.len();
            let w = Work { base, block, ranges: std::mem::take(&mut ranges) };
            base += n;
            if work_tx.send(w).is_err() {
                return Err(NotFast);
            }
            collect();
        }
        if ended {
            return Ok(());
        }
    }
}
