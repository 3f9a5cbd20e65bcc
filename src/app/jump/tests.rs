//! Jump on the bundled chronology, with the UX review's queries.

use super::*;
use crate::app::Options;
use crate::model::load::bundled_timeline;

fn state() -> State {
    State::new(bundled_timeline().unwrap(), "bundled", Options::default())
}

fn titles(s: &State, text: &str) -> Vec<String> {
    rank(s, text).into_iter().map(|ix| s.timeline.events[ix].title.clone()).collect()
}

#[test]
fn other_scripts_and_names_find_what_the_english_finds() {
    let s = state();
    let csto = titles(&s, "csto");
    assert!(csto.len() >= 5 && csto.iter().all(|t| t.contains("CSTO")), "{csto:#?}");
    for q in ["ОДКБ", "odkb", "CSTO", "ОДКБ "] {
        assert_eq!(titles(&s, q), csto, "{q}");
    }
    let tokayev = titles(&s, "tokayev");
    assert!(tokayev.len() >= 10 && tokayev.iter().all(|t| t.contains("Tokayev")), "{tokayev:#?}");
    for q in ["Тоқаев", "токаев", "toqaev", "TOKAYEV", "ТОҚАЕВ"] {
        assert_eq!(titles(&s, q), tokayev, "{q}");
    }
}

#[test]
fn noise_is_not_a_result() {
    let s = state();
    assert_eq!(titles(&s, "qqqqzz"), Vec::<String>::new());
    assert_eq!(titles(&s, "airport"), ["Almaty airport overrun; flights stop"]);
    // Letters of "csto" spread over "custody" or "city … stormed" are not CSTO.
    assert!(titles(&s, "csto").iter().all(|t| t.contains("CSTO")));
    assert_eq!(titles(&s, "almaty airport"), ["Almaty airport overrun; flights stop"]);
}

#[test]
fn a_letter_left_out_still_finds_the_title() {
    let s = state();
    let typo = titles(&s, "emergncy");
    assert!(!typo.is_empty() && typo.iter().all(|t| t.to_lowercase().contains("emergency")), "{typo:#?}");
    assert_eq!(typo.len(), titles(&s, "emergency").len());
}

#[test]
fn typing_on_narrows_and_gives_what_a_fresh_ranking_gives() {
    let mut s = state();
    open(&mut s);
    let mut typed = String::new();
    for c in "Almaty  airport".chars().chain(std::iter::once('\u{8}')) {
        if c == '\u{8}' {
            update(&mut s, Action::DeleteBack, 10);
            typed.pop();
        } else {
            update(&mut s, Action::Insert(c), 10);
            typed.push(c);
        }
        let Some(Overlay::Jump(j)) = &s.overlay else { panic!("closed") };
        assert_eq!(j.results, rank(&s, &typed), "after {typed:?}");
    }
    // Ctrl-w removes one word.
    update(&mut s, Action::DeleteWord, 10);
    let Some(Overlay::Jump(j)) = &s.overlay else { panic!("closed") };
    assert_eq!(j.text, "Almaty  ");
}

#[test]
fn runs_are_counted_on_the_best_spelling() {
    let c = |s: &str| s.chars().collect::<Vec<_>>();
    assert_eq!(min_runs(&c("abc"), "abc"), Some(1));
    assert_eq!(min_runs(&c("ac"), "abc"), Some(2));
    assert_eq!(min_runs(&c("emergnci"), "state of emergenci in mangistau and almati citi"), Some(2));
    assert_eq!(min_runs(&c("csto"), "oficial tol 232 six tortured to death in custodi"), Some(2));
    assert_eq!(min_runs(&c("x"), "abc"), None);
    assert_eq!(min_runs(&c("aa"), "a"), None);
}
