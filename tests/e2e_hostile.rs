//! End-to-end with a hostile file: `tests/fixtures/hostile.json` puts escape sequences (clear
//! screen, window title, clipboard, hyperlinks, C1 CSI/OSC, terminal reset, cursor queries), DEL,
//! NUL, bidi overrides, zero-width characters, combining storms, a 10,000-character word, long CJK
//! and emoji lines and RTL text into every field. The real binary runs in a pseudo-terminal and is
//! walked through every event, the detail pane, the filter popups, help, jump, search and copy.
//!
//! The check is on the raw bytes the app wrote, not only on the parsed screen: the only escape
//! sequences allowed are the CSI sequences a ratatui/crossterm app draws with, plus the one OSC 52
//! clipboard write that the copy key asks for (base64, so inert). The terminal's own view is
//! checked too: the window title, icon name and clipboard never changed except for that copy.

mod common;

use common::pty;
const EVENTS: usize = 7;

/// What the terminal was asked to do besides drawing.
#[derive(Default)]
struct Requests {
    /// Window title, icon name, bell, resize, paste and unknown OSC requests, described.
    other: Vec<String>,
    /// Clipboard writes, as the (base64) data sent.
    clipboard: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Requests {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.other.push(format!("window title set to {:?}", String::from_utf8_lossy(title)));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.other.push(format!("icon name set to {:?}", String::from_utf8_lossy(name)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8]) {
        self.other.push("clipboard read requested".into());
    }
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.other.push("bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.other.push("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.other.push(format!("resize to {request:?} requested"));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let params: Vec<_> = params.iter().map(|p| String::from_utf8_lossy(p)).collect();
        self.other.push(format!("OSC {params:?}"));
    }
}

/// An escape sequence found in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Escape {
    /// `ESC [` private-marker params intermediates final.
    Csi(String),
    /// `ESC ]` payload, up to BEL or ESC \ (or the end of the output).
    Osc(String),
    /// ESC followed by anything else (reset, DCS, APC, charset switches ...).
    Other(String),
}

/// Split the output into its escape sequences, in order, and the text between them.
fn split(out: &[u8]) -> (Vec<Escape>, String) {
    let mut found = Vec::new();
    let mut plain = Vec::new();
    let mut i = 0;
    while i < out.len() {
        if out[i] != 0x1b {
            plain.push(out[i]);
            i += 1;
            continue;
        }
        match out.get(i + 1) {
            Some(b'[') => {
                let start = i + 2;
                let mut j = start;
                while j < out.len() && !(0x40..=0x7e).contains(&out[j]) {
                    j += 1;
                }
                let end = (j + 1).min(out.len());
                found.push(Escape::Csi(String::from_utf8_lossy(&out[start..end]).into_owned()));
                i = end;
            }
            Some(b']') => {
                let start = i + 2;
                let mut j = start;
                while j < out.len() && out[j] != 0x07 && !(out[j] == 0x1b && out.get(j + 1) == Some(&b'\\')) {
                    j += 1;
                }
                found.push(Escape::Osc(String::from_utf8_lossy(&out[start..j.min(out.len())]).into_owned()));
                i = if out.get(j) == Some(&0x07) { j + 1 } else { j + 2 };
            }
            next => {
                found.push(Escape::Other(format!("ESC {:?}", next.map(|&b| b as char))));
                i += 2;
            }
        }
    }
    (found, String::from_utf8_lossy(&plain).into_owned())
}

/// CSI sequences a ratatui app draws with: colours and attributes (m), cursor position (H),
/// clearing (J, K) and the modes it sets and resets (cursor, alternate screen, mouse,
/// synchronized updates, bracketed paste). Anything else came from somewhere else.
fn is_drawing_csi(seq: &str) -> bool {
    let Some(last) = seq.chars().last() else { return false };
    let params = &seq[..seq.len() - last.len_utf8()];
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c == ';' || c == ':');
    match last {
        'm' | 'H' | 'K' => digits(params),
        'J' => params == "2",
        'h' | 'l' => params.strip_prefix('?').is_some_and(|modes| {
            modes
                .split(';')
                .all(|m| matches!(m, "25" | "1049" | "1000" | "1002" | "1003" | "1006" | "1015" | "2026" | "2004"))
        }),
        _ => false,
    }
}

fn is_base64(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// Standard base64, enough to read back what was put on the clipboard.
fn base64_decode(s: &[u8]) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for &c in s.iter().take_while(|&&c| c != b'=') {
        let v = ALPHABET.iter().position(|&a| a == c).expect("base64 character") as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// A control or bidi character a terminal would act on, outside escape sequences.
fn is_dangerous(c: char) -> bool {
    (c.is_control() && !matches!(c, '\x1b' | '\r' | '\n'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Walk the whole app: every event in the list and in the detail pane (scrolled to the bottom),
/// the region, topic and actor popups, a region filter, help, jump, search and copy.
///
/// Each step waits for text on a row that holds no hostile text before it: vt100 drops U+FFFD
/// (the sanitiser's stand-in for C1 and bidi controls) and measures emoji ZWJ sequences per code
/// point, so on rows with such text its screen drifts from what the app drew.
fn explore(app: &mut pty::App<Requests>) {
    let screen = app.wait_for("HOSTILE-1");
    // The hostile text is on screen, made visible (this is what the raw checks below are about).
    assert!(screen.contains("␛]0;pwned␇"), "the sanitised title is not shown:\n{screen}");
    for n in 2..=EVENTS {
        app.press("j", &format!(" {n} / {EVENTS} "));
    }
    app.press("g\r", " 1 / 7 ");
    for n in 2..=EVENTS {
        app.press("G", &format!(" {} / {EVENTS} ", n - 1));
        app.press("l", &format!(" {n} / {EVENTS} "));
    }
    // Esc and the next key go separately: together they read as Alt plus that key. Back in the
    // list, its pane gets the thick border of the focused pane.
    app.press("G\x1b", "┏ Events");
    app.press("r", "Filter by region");
    app.press(" \r", "Filters:");
    app.keys("c");
    app.wait_gone("Filters:");
    app.press("T", "Filter by topic");
    app.keys("\x1b");
    app.wait_gone("Filter by topic");
    app.press("A", "Filter by actor");
    app.keys("\x1b");
    app.wait_gone("Filter by actor");
    app.press("?", "Help: keys");
    app.keys("\x1b");
    app.wait_gone("Help: keys");
    app.press(":", "Jump to an event");
    app.press("HOSTILE-4\r", " 4 / 7 ");
    app.press("/pwned\t", "Filters:");
    app.keys("c");
    app.wait_gone("Filters:");
    app.press("y", "Copied");
}

#[test]
fn hostile_text_never_reaches_the_terminal_as_control_sequences() {
    let file = pty::fixture("hostile.json");
    let mut app = pty::App::start_with(Requests::default(), &[&file], 120, 40, &[]);
    explore(&mut app);
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();

    let raw = app.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw);
    // The file's payloads, spelled as a terminal would act on them. (Made visible, as "␛]0;pwned␇"
    // and so on, they are expected in the output: that is the sanitised text on screen.)
    let payloads = [
        "\u{1b}]0;pwned",
        "\u{1b}]2;pwned",
        "\u{1b}]52;c;cHduZWQ=",
        "\u{1b}]8;",
        "\u{1b}[6n",
        "\u{1b}c",
        "\u{1b}P",
        "\u{1b}[2J\u{1b}[H",
        "\u{1b}[5m",
        "\u{1b}[8m",
        "\u{9b}31m",
        "\u{9d}0;pwned",
    ];
    assert!(
        text.contains("␛]0;pwned␇") && text.contains("␛]52;c;cHduZWQ=␇"),
        "the sanitised payloads were never drawn"
    );
    for payload in payloads {
        assert!(!text.contains(payload), "the output contains {payload:?}");
    }
    let (escapes, plain) = split(&raw);
    if let Some(c) = plain.chars().find(|&c| is_dangerous(c)) {
        panic!("the output contains U+{:04X} outside an escape sequence", c as u32);
    }
    let mut clipboard_writes = 0;
    for e in escapes {
        match e {
            Escape::Csi(seq) => assert!(is_drawing_csi(&seq), "unexpected CSI sequence ESC [{seq:?}"),
            Escape::Osc(p) if p.strip_prefix("52;c;").is_some_and(is_base64) => clipboard_writes += 1,
            other => panic!("unexpected escape sequence in the output: {other:?}"),
        }
    }
    assert_eq!(clipboard_writes, 1, "exactly one clipboard write (the copy key) was expected");

    let parser = app.parser.lock().unwrap();
    let requests = parser.callbacks();
    assert_eq!(requests.other, Vec::<String>::new(), "the terminal was asked to do more than draw");
    assert_eq!(requests.clipboard.len(), 1);
    let copied = String::from_utf8(base64_decode(&requests.clipboard[0])).expect("UTF-8 on the clipboard");
    assert!(copied.contains("hostile-4"), "the copy was of another event: {copied:?}");
    assert!(!copied.contains(is_dangerous) && !copied.contains('\u{1b}'), "the clipboard got controls: {copied:?}");
}

/// The byte-level checks must be able to fail: a raw payload in the output is caught.
#[test]
fn the_output_checks_catch_hostile_sequences() {
    let hostile = b"ok\x1b[1;1H\x1b]0;pwned\x07\x1b[2J\x1bc\x1b[6n\x1b]52;c;cHduZWQ=\x07\xc2\x9b1m\x1b]8;;x\x1b\\end";
    let (found, plain) = split(hostile);
    assert_eq!(plain, "ok\u{9b}1mend");
    assert!(plain.contains(is_dangerous));
    assert_eq!(
        found,
        [
            Escape::Csi("1;1H".into()),
            Escape::Osc("0;pwned".into()),
            Escape::Csi("2J".into()),
            Escape::Other("ESC Some('c')".into()),
            Escape::Csi("6n".into()),
            Escape::Osc("52;c;cHduZWQ=".into()),
            Escape::Osc("8;;x".into()),
        ]
    );
    assert!(is_drawing_csi("1;1H") && is_drawing_csi("38;5;12m") && is_drawing_csi("?2026h"));
    assert!(!is_drawing_csi("6n") && !is_drawing_csi("?1049;5h") && !is_drawing_csi("0J"));
    assert!(is_dangerous('\u{9b}') && is_dangerous('\u{202e}') && is_dangerous('\u{7}') && !is_dangerous('␛'));
    assert_eq!(base64_decode(b"cHduZWQ="), b"pwned");
}
