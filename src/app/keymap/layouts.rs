//! Keys typed with a Russian or Kazakh keyboard layout on. There the key that types `j` on an
//! English (US) layout types `о`, and `q` types `й`: a student who switched layouts to write in
//! Cyrillic would find that no key works. A character the keymap has no binding for in the
//! current context is looked up again as the character its key types on the US layout; a
//! binding that takes text (a search, a popup's filter) gets the Cyrillic letter as typed, so
//! typing in Cyrillic still works where text is typed.
//!
//! The key positions are those of xkeyboard-config (`symbols/ru`, "common", and `symbols/kz`,
//! "basic", the RST KazSSR 903-90 layout): the letter rows are the same in both; the Kazakh
//! layout puts its own letters on the digit row (ә on 2 … қ on 0, ө on -, һ on =). The keys
//! where these layouts put punctuation that is also a key of its own here (`.`, `,`, `"`) are
//! left alone: they cannot be told apart from the same punctuation typed in English.

/// (the character typed with the Russian or Kazakh layout, the US-layout character of that key)
const SAME_KEY: [(char, char); 84] = [
    // Letter rows, as typed and with Shift.
    ('й', 'q'),
    ('ц', 'w'),
    ('у', 'e'),
    ('к', 'r'),
    ('е', 't'),
    ('н', 'y'),
    ('г', 'u'),
    ('ш', 'i'),
    ('щ', 'o'),
    ('з', 'p'),
    ('х', '['),
    ('ъ', ']'),
    ('ф', 'a'),
    ('ы', 's'),
    ('в', 'd'),
    ('а', 'f'),
    ('п', 'g'),
    ('р', 'h'),
    ('о', 'j'),
    ('л', 'k'),
    ('д', 'l'),
    ('ж', ';'),
    ('э', '\''),
    ('я', 'z'),
    ('ч', 'x'),
    ('с', 'c'),
    ('м', 'v'),
    ('и', 'b'),
    ('т', 'n'),
    ('ь', 'm'),
    ('б', ','),
    ('ю', '.'),
    ('ё', '`'),
    ('Й', 'Q'),
    ('Ц', 'W'),
    ('У', 'E'),
    ('К', 'R'),
    ('Е', 'T'),
    ('Н', 'Y'),
    ('Г', 'U'),
    ('Ш', 'I'),
    ('Щ', 'O'),
    ('З', 'P'),
    ('Х', '{'),
    ('Ъ', '}'),
    ('Ф', 'A'),
    ('Ы', 'S'),
    ('В', 'D'),
    ('А', 'F'),
    ('П', 'G'),
    ('Р', 'H'),
    ('О', 'J'),
    ('Л', 'K'),
    ('Д', 'L'),
    ('Ж', ':'),
    ('Э', '"'),
    ('Я', 'Z'),
    ('Ч', 'X'),
    ('С', 'C'),
    ('М', 'V'),
    ('И', 'B'),
    ('Т', 'N'),
    ('Ь', 'M'),
    ('Б', '<'),
    ('Ю', '>'),
    ('Ё', '~'),
    // The Kazakh layout's digit row, as typed and with Shift.
    ('ә', '2'),
    ('і', '3'),
    ('ң', '4'),
    ('ғ', '5'),
    ('ү', '8'),
    ('ұ', '9'),
    ('қ', '0'),
    ('ө', '-'),
    ('һ', '='),
    ('Ә', '@'),
    ('І', '#'),
    ('Ң', '$'),
    ('Ғ', '%'),
    ('Ү', '*'),
    ('Ұ', '('),
    ('Қ', ')'),
    ('Ө', '_'),
    ('Һ', '+'),
];

/// The US-layout character of the key that types `c` with a Russian or Kazakh layout.
pub fn us_key(c: char) -> Option<char> {
    SAME_KEY.iter().find(|&&(cyr, _)| cyr == c).map(|&(_, us)| us)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_character_is_listed_once_and_maps_to_a_distinct_key() {
        let mut cyr: Vec<char> = SAME_KEY.iter().map(|p| p.0).collect();
        let mut us: Vec<char> = SAME_KEY.iter().map(|p| p.1).collect();
        cyr.sort_unstable();
        cyr.dedup();
        us.sort_unstable();
        us.dedup();
        assert_eq!((cyr.len(), us.len()), (SAME_KEY.len(), SAME_KEY.len()));
        assert!(SAME_KEY.iter().all(|&(c, u)| !c.is_ascii() && u.is_ascii()));
    }
}
