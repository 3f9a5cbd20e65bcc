//! A student's keys arrive as raw bytes from their SSH client, split and merged however the
//! network chose. termwiz's `InputParser` (a maintained VT input parser, from wezterm) turns them
//! into key events, holding an incomplete escape sequence until the rest arrives; this module
//! maps those onto crossterm's `KeyEvent`, the type the one keymap table
//! (`app::keymap`) reads, so a session over SSH and the local app share every binding.
//!
//! A lone Esc is ambiguous (it also starts every escape sequence): the parser holds it, and the
//! session calls [`Input::flush`] when no more bytes came within [`ESC_WAIT`]. A bracketed paste
//! becomes the characters it holds, as a paste into the local app does; control characters in
//! it are dropped, so a paste can type text but never press keys.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use termwiz::input::{InputEvent, InputParser, KeyCode as Tw, Modifiers};

/// How long a lone Esc waits for the rest of a sequence before it counts as the Esc key.
pub const ESC_WAIT: Duration = Duration::from_millis(40);

/// Most characters one paste may type (a prompt needs far fewer; the rest is dropped).
pub const MAX_PASTE: usize = 4096;

/// Most bytes the parser may hold undecoded (an endless "paste" from a hostile client): past
/// this, what it holds is thrown away.
pub const MAX_HELD: usize = 64 << 10;

/// How long bytes may stay held, undecoded, before they are thrown away (a paste whose end never
/// came, a sequence cut short by the input cap).
pub const HELD_MAX: Duration = Duration::from_secs(1);

/// The input side of one session.
pub struct Input {
    parser: InputParser,
    /// Bytes fed since the parser last produced something, and since when.
    held: usize,
    since: Option<Instant>,
    /// Dropping the rest of a paste that grew past [`MAX_HELD`] until its end marker (or a
    /// pause): the last bytes seen, in case the marker is split across packets.
    discarding: Option<Vec<u8>>,
}

/// The end of a bracketed paste.
const PASTE_END: &[u8] = b"\x1b[201~";

impl Default for Input {
    fn default() -> Self {
        Input { parser: InputParser::new(), held: 0, since: None, discarding: None }
    }
}

impl Input {
    /// Keys in `bytes` (and in what earlier calls held back).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<KeyEvent> {
        if let Some(tail) = self.discarding.take() {
            let mut joined = tail;
            joined.extend_from_slice(bytes);
            self.since = Some(Instant::now());
            return match memchr::memmem::find(&joined, PASTE_END) {
                Some(at) => {
                    *self = Input::default();
                    self.feed(&joined[at + PASTE_END.len()..])
                }
                None => {
                    let keep = joined.len().saturating_sub(PASTE_END.len() - 1);
                    self.discarding = Some(joined.split_off(keep));
                    Vec::new()
                }
            };
        }
        let mut keys = Vec::new();
        self.parser.parse(bytes, |ev| convert(ev, &mut keys), true);
        if keys.is_empty() && !bytes.is_empty() {
            self.held += bytes.len();
            self.since.get_or_insert_with(Instant::now);
        } else if bytes.last() == Some(&0x1b) {
            // A lone Esc after the keys: the Esc key, or the start of the next sequence.
            self.held = 1;
            self.since = Some(Instant::now());
        } else {
            self.held = 0;
            self.since = None;
        }
        if self.held > MAX_HELD {
            // Most likely a paste far too long to type: drop the rest of it too, so that none of
            // it is taken for keys.
            *self = Input { discarding: Some(Vec::new()), since: Some(Instant::now()), ..Input::default() };
        }
        keys
    }

    /// Whether bytes are held that a pause should settle (see [`ESC_WAIT`]).
    pub fn pending(&self) -> bool {
        self.since.is_some()
    }

    /// No more bytes came: what is held is complete as it is (a lone Esc is the Esc key). What
    /// still decodes to nothing after [`HELD_MAX`] is dropped.
    pub fn flush(&mut self) -> Vec<KeyEvent> {
        if self.discarding.is_some() {
            if self.since.is_some_and(|t| t.elapsed() >= HELD_MAX) {
                self.reset();
            }
            return Vec::new();
        }
        let mut keys = Vec::new();
        self.parser.parse(&[], |ev| convert(ev, &mut keys), false);
        if !keys.is_empty() {
            self.held = 0;
            self.since = None;
        } else if self.since.is_some_and(|t| t.elapsed() >= HELD_MAX) {
            self.reset();
        }
        keys
    }

    fn reset(&mut self) {
        *self = Input::default();
    }
}

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent { code, modifiers, kind: KeyEventKind::Press, state: KeyEventState::NONE }
}

fn convert(ev: InputEvent, out: &mut Vec<KeyEvent>) {
    match ev {
        InputEvent::Key(k) => {
            if let Some(key) = key(k.key, k.modifiers) {
                out.push(key);
            }
        }
        InputEvent::Paste(text) => {
            let typed = text.chars().filter(|c| !c.is_control()).take(MAX_PASTE);
            out.extend(typed.map(|c| press(KeyCode::Char(c), KeyModifiers::NONE)));
        }
        // No mouse reporting is asked for over SSH; the client's own size reports come as SSH
        // window changes, not in the byte stream.
        _ => {}
    }
}

fn key(code: Tw, mods: Modifiers) -> Option<KeyEvent> {
    let mut m = KeyModifiers::NONE;
    if mods.contains(Modifiers::CTRL) {
        m |= KeyModifiers::CONTROL;
    }
    if mods.contains(Modifiers::ALT) {
        m |= KeyModifiers::ALT;
    }
    if mods.contains(Modifiers::SHIFT) {
        m |= KeyModifiers::SHIFT;
    }
    let code = match code {
        Tw::Char('\r' | '\n') => KeyCode::Enter,
        Tw::Char('\t') => KeyCode::Tab,
        Tw::Char('\u{7f}' | '\u{8}') => KeyCode::Backspace,
        Tw::Char('\u{1b}') => KeyCode::Esc,
        // Other control characters are the Ctrl-letter chords they are typed as.
        Tw::Char(c @ '\u{1}'..='\u{1a}') => {
            m |= KeyModifiers::CONTROL;
            KeyCode::Char((b'a' + (c as u8 - 1)) as char)
        }
        Tw::Char(c) if c.is_control() => return None,
        Tw::Char(c) => KeyCode::Char(c),
        Tw::Backspace => KeyCode::Backspace,
        Tw::Tab if m.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        Tw::Tab => KeyCode::Tab,
        Tw::Enter => KeyCode::Enter,
        Tw::Escape => KeyCode::Esc,
        Tw::PageUp | Tw::KeyPadPageUp => KeyCode::PageUp,
        Tw::PageDown | Tw::KeyPadPageDown => KeyCode::PageDown,
        Tw::Home | Tw::KeyPadHome => KeyCode::Home,
        Tw::End | Tw::KeyPadEnd => KeyCode::End,
        Tw::LeftArrow | Tw::ApplicationLeftArrow => KeyCode::Left,
        Tw::RightArrow | Tw::ApplicationRightArrow => KeyCode::Right,
        Tw::UpArrow | Tw::ApplicationUpArrow => KeyCode::Up,
        Tw::DownArrow | Tw::ApplicationDownArrow => KeyCode::Down,
        Tw::Insert => KeyCode::Insert,
        Tw::Delete => KeyCode::Delete,
        Tw::Function(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(press(code, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(keys: &[KeyEvent]) -> Vec<(KeyCode, KeyModifiers)> {
        keys.iter().map(|k| (k.code, k.modifiers)).collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn letters_arrows_and_control_keys() {
        let mut i = Input::default();
        let keys = i.feed(b"jk\x1b[B\x1bOA\r\x7f\t\x03/");
        assert_eq!(
            codes(&keys),
            vec![
                (KeyCode::Char('j'), NONE),
                (KeyCode::Char('k'), NONE),
                (KeyCode::Down, NONE),
                (KeyCode::Up, NONE),
                (KeyCode::Enter, NONE),
                (KeyCode::Backspace, NONE),
                (KeyCode::Tab, NONE),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
                (KeyCode::Char('/'), NONE),
            ]
        );
        assert!(!i.pending());
    }

    #[test]
    fn a_sequence_split_across_packets_is_one_key() {
        let mut i = Input::default();
        assert!(i.feed(b"\x1b").is_empty());
        assert!(i.pending(), "a lone Esc waits for the rest");
        assert!(i.feed(b"[").is_empty());
        assert_eq!(codes(&i.feed(b"6~")), vec![(KeyCode::PageDown, NONE)]);
        assert_eq!(codes(&i.feed("й".as_bytes())), vec![(KeyCode::Char('й'), NONE)]);
    }

    #[test]
    fn a_lone_esc_is_the_esc_key_after_a_pause() {
        let mut i = Input::default();
        assert!(i.feed(b"\x1b").is_empty());
        assert_eq!(codes(&i.flush()), vec![(KeyCode::Esc, NONE)]);
        assert!(!i.pending());
    }

    #[test]
    fn a_paste_types_text_and_never_keys() {
        let mut i = Input::default();
        let keys = i.feed(b"\x1b[200~zhana\x1b[Bozen\r\n\x1b[201~");
        let typed: String = keys
            .iter()
            .map(|k| match k.code {
                KeyCode::Char(c) => c,
                other => panic!("a paste pressed {other:?}"),
            })
            .collect();
        assert!(typed.starts_with("zhana") && typed.ends_with("ozen"), "{typed:?}");
    }

    #[test]
    fn an_endless_paste_is_dropped_and_keys_work_again() {
        let mut i = Input::default();
        assert!(i.feed(b"\x1b[200~").is_empty());
        let chunk = vec![b'x'; 8192];
        for _ in 0..(2 * MAX_HELD / chunk.len()) {
            assert!(i.feed(&chunk).is_empty(), "nothing is typed from an overlong paste");
        }
        // The end marker, split across two packets, ends it; the keys after it work.
        assert!(i.feed(b"xx\x1b[20").is_empty());
        assert_eq!(codes(&i.feed(b"1~j")), vec![(KeyCode::Char('j'), NONE)]);
        assert!(!i.pending());

        // An endless one is dropped after a pause.
        let mut i = Input::default();
        i.feed(b"\x1b[200~");
        for _ in 0..(2 * MAX_HELD / chunk.len()) {
            assert!(i.feed(&chunk).is_empty());
        }
        std::thread::sleep(HELD_MAX);
        assert!(i.flush().is_empty());
        assert_eq!(codes(&i.feed(b"j")), vec![(KeyCode::Char('j'), NONE)], "the input was reset");

        // A paste cut short stops holding keys back after a pause.
        let mut i = Input::default();
        assert!(i.feed(b"\x1b[200~abc").is_empty());
        assert!(i.pending());
        std::thread::sleep(HELD_MAX);
        assert!(i.flush().is_empty());
        assert!(!i.pending());
        assert_eq!(codes(&i.feed(b"k")), vec![(KeyCode::Char('k'), NONE)]);
    }

    #[test]
    fn utf8_split_in_the_middle_of_a_character() {
        let mut i = Input::default();
        let b = "ө".as_bytes();
        let mut keys = i.feed(&b[..1]);
        keys.extend(i.feed(&b[1..]));
        assert_eq!(codes(&keys), vec![(KeyCode::Char('ө'), NONE)]);
    }

    #[test]
    fn garbage_never_panics() {
        let mut i = Input::default();
        let mut seed = 7u64;
        for _ in 0..2000 {
            let chunk: Vec<u8> = (0..(seed % 17))
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (seed >> 33) as u8
                })
                .collect();
            i.feed(&chunk);
            if seed.is_multiple_of(5) {
                i.flush();
            }
        }
    }
}
