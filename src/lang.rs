//! Languages of the interface: Kazakh, Russian and English (issue 17), and how values become
//! words in each: counts with their plural forms, numbers with their digit grouping, dates as
//! each language writes them.
//!
//! This is the first layer of that work, not yet wired into the screens: the interface still
//! speaks English everywhere, and `--lang` is not offered until every screen can follow it
//! (a half-translated screen in front of a class would be worse than an English one).
//!
//! Design, for the messages that come next: each language is a function with one exhaustive
//! `match` over a message enum, so a message without a translation does not compile (rather than
//! a message file checked by a test at run time): the interface is small enough to keep in code,
//! the three languages are fixed, and the compiler is the cheapest reviewer. Words that depend on
//! a number go through [`Lang::count`], which knows each language's plural rules.

use chrono::{Datelike, NaiveDate};

use crate::model::Precision;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ru,
    Kk,
}

/// The plural form a number takes (CLDR's categories, as far as these languages use them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

/// A noun's forms for counting: English one/other; Russian one (1, 21), few (2–4, 22–24), many
/// (0, 5–20, 25–30); Kazakh has one form after a number.
#[derive(Debug, Clone, Copy)]
pub struct Noun {
    pub en: [&'static str; 2],
    pub ru: [&'static str; 3],
    pub kk: &'static str,
}

/// "event", for the counts the header and the day headings show.
pub const EVENT: Noun =
    Noun { en: ["event", "events"], ru: ["событие", "события", "событий"], kk: "оқиға" };

impl Lang {
    /// From `--lang`: "kk", "ru" or "en" (also "kz" and the languages' own names).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "ru" | "russian" | "русский" => Some(Lang::Ru),
            "kk" | "kz" | "kazakh" | "қазақша" | "қазақ" => Some(Lang::Kk),
            _ => None,
        }
    }

    /// From the locale variables, in POSIX order of precedence: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty decides ("ru_RU.UTF-8", "kk_KZ");
    /// English when it names another language, or nothing is set.
    pub fn from_locale(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> Lang {
        let Some(value) = [lc_all, lc_messages, lang].into_iter().flatten().find(|v| !v.is_empty()) else {
            return Lang::En;
        };
        let code = value.split(['_', '.', '@', '-']).next().unwrap_or("");
        match code.to_ascii_lowercase().as_str() {
            "ru" => Lang::Ru,
            "kk" => Lang::Kk,
            _ => Lang::En,
        }
    }

    /// The plural form of `n` in this language.
    pub fn plural(self, n: u64) -> Plural {
        match self {
            Lang::En => {
                if n == 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
            Lang::Ru => match (n % 10, n % 100) {
                (1, r) if r != 11 => Plural::One,
                (2..=4, r) if !(12..=14).contains(&r) => Plural::Few,
                _ => Plural::Many,
            },
            // Kazakh nouns do not change after a number: "1 оқиға", "80 оқиға".
            Lang::Kk => Plural::Other,
        }
    }

    /// `n` and the noun in the right form: "1 event", "5 событий", "80 оқиға".
    pub fn count(self, n: u64, noun: &Noun) -> String {
        let word = match (self, self.plural(n)) {
            (Lang::En, Plural::One) => noun.en[0],
            (Lang::En, _) => noun.en[1],
            (Lang::Ru, Plural::One) => noun.ru[0],
            (Lang::Ru, Plural::Few) => noun.ru[1],
            (Lang::Ru, _) => noun.ru[2],
            (Lang::Kk, _) => noun.kk,
        };
        format!("{} {word}", self.number(n))
    }

    /// A whole number as the language groups its digits: "12,000" in English; "12 000" in
    /// Russian and Kazakh, with a no-break space so the number never wraps. Four-digit numbers
    /// are not grouped ("2022", "1000").
    pub fn number(self, n: u64) -> String {
        if n < 10_000 {
            return n.to_string();
        }
        let grouped = crate::text::group_digits(n);
        match self {
            Lang::En => grouped,
            Lang::Ru | Lang::Kk => grouped.replace(',', "\u{a0}"),
        }
    }

    /// A calendar date to the precision known, as the language writes it:
    /// "5 Jan 2022" / "5 января 2022 г." / "2022 жылғы 5 қаңтар"; a month alone
    /// "Jan 2022" / "январь 2022 г." / "2022 жылғы қаңтар"; a year "2022" / "2022 г." /
    /// "2022 жыл". Years before the Common Era and deep time stay in `model::when`'s English
    /// words until their translations are written.
    pub fn date(self, date: NaiveDate, precision: Precision) -> String {
        let y = date.year();
        if y < 1 || crate::model::when::deep_year(date).is_some() {
            let p = crate::model::PartialDate { date, precision: precision.min(Precision::Day) };
            return p.display();
        }
        let m = date.month0() as usize;
        let d = date.day();
        match (self, precision) {
            (Lang::En, _) => crate::model::PartialDate { date, precision: precision.min(Precision::Day) }.display(),
            (Lang::Ru, Precision::Year) => format!("{y} г."),
            (Lang::Ru, Precision::Month) => format!("{} {y} г.", RU_MONTHS[m]),
            (Lang::Ru, _) => format!("{d} {} {y} г.", RU_MONTHS_OF[m]),
            (Lang::Kk, Precision::Year) => format!("{y} жыл"),
            (Lang::Kk, Precision::Month) => format!("{y} жылғы {}", KK_MONTHS[m]),
            (Lang::Kk, _) => format!("{y} жылғы {d} {}", KK_MONTHS[m]),
        }
    }
}

/// Russian month names, nominative (a month alone) and genitive (after a day: "5 января").
const RU_MONTHS: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
const RU_MONTHS_OF: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
/// Kazakh month names (lower case, as written inside a date).
const KK_MONTHS: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals() {
        let forms: Vec<String> =
            [0, 1, 2, 5, 11, 21, 22, 25, 101, 111, 112, 1001].iter().map(|&n| Lang::Ru.count(n, &EVENT)).collect();
        assert_eq!(
            forms,
            [
                "0 событий",
                "1 событие",
                "2 события",
                "5 событий",
                "11 событий",
                "21 событие",
                "22 события",
                "25 событий",
                "101 событие",
                "111 событий",
                "112 событий",
                "1001 событие",
            ]
        );
    }

    #[test]
    fn english_and_kazakh_counts() {
        assert_eq!(Lang::En.count(1, &EVENT), "1 event");
        assert_eq!(Lang::En.count(0, &EVENT), "0 events");
        assert_eq!(Lang::En.count(12_000, &EVENT), "12,000 events");
        assert_eq!(Lang::Kk.count(1, &EVENT), "1 оқиға");
        assert_eq!(Lang::Kk.count(80, &EVENT), "80 оқиға");
        assert_eq!(Lang::Kk.count(1_000_000, &EVENT), "1\u{a0}000\u{a0}000 оқиға");
        assert_eq!(Lang::Ru.number(12_000), "12\u{a0}000");
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        let d = NaiveDate::from_ymd_opt(2022, 1, 5).unwrap();
        assert_eq!(Lang::En.date(d, Precision::Day), "5 Jan 2022");
        assert_eq!(Lang::Ru.date(d, Precision::Day), "5 января 2022 г.");
        assert_eq!(Lang::Kk.date(d, Precision::Day), "2022 жылғы 5 қаңтар");
        assert_eq!(Lang::Ru.date(d, Precision::Minute), "5 января 2022 г.");
        let m = NaiveDate::from_ymd_opt(2022, 8, 1).unwrap();
        assert_eq!(Lang::Ru.date(m, Precision::Month), "август 2022 г.");
        assert_eq!(Lang::Kk.date(m, Precision::Month), "2022 жылғы тамыз");
        assert_eq!(Lang::Ru.date(m, Precision::Year), "2022 г.");
        assert_eq!(Lang::Kk.date(m, Precision::Year), "2022 жыл");
        // Every month name is one a typed date reads back (query::dates).
        for (i, name) in RU_MONTHS_OF.iter().chain(&RU_MONTHS).chain(&KK_MONTHS).enumerate() {
            let typed = format!("5 {name} 2022");
            let t = empty();
            let r = crate::query::dates::parse_date(&typed, &crate::query::dates::Calendar::new(&t));
            assert!(r.is_ok(), "{typed} ({i}) is read as a date");
        }
    }

    fn empty() -> crate::model::Timeline {
        crate::model::Timeline::default()
    }

    #[test]
    fn the_locale_decides_in_posix_order() {
        assert_eq!(Lang::from_locale(None, None, Some("ru_RU.UTF-8")), Lang::Ru);
        assert_eq!(Lang::from_locale(None, None, Some("kk_KZ.UTF-8")), Lang::Kk);
        assert_eq!(Lang::from_locale(Some("en_GB.UTF-8"), None, Some("ru_RU.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some(""), Some("kk_KZ"), Some("ru_RU")), Lang::Kk);
        assert_eq!(Lang::from_locale(None, None, Some("C.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(None, None, None), Lang::En);
        assert_eq!(Lang::parse("KK"), Some(Lang::Kk));
        assert_eq!(Lang::parse("русский"), Some(Lang::Ru));
        assert_eq!(Lang::parse("de"), None);
    }
}
