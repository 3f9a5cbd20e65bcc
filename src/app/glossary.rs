//! The glossary overlay (`d`): every term of the timeline's glossary with its definition, the
//! ones the selected event uses first, narrowed by typing (folded like search, over the term, its
//! other forms and the definition).

use super::{Action, Overlay, State};
use crate::model::Term;
use crate::query::fold::fold;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GlossaryView {
    pub query: String,
    /// First line shown; the view clamps it.
    pub scroll: usize,
}

/// `d`: open the glossary, or say there is none.
pub fn open(s: &mut State) {
    if s.timeline.glossary.is_empty() {
        s.message = Some("This timeline has no glossary.".into());
        return;
    }
    s.overlay = Some(Overlay::Glossary(GlossaryView::default()));
}

/// Whether `term` matches what was typed (every typed word occurs in its forms or definition).
pub fn matches(term: &Term, query: &str) -> bool {
    let q = fold(query);
    if q.trim().is_empty() {
        return true;
    }
    let hay = fold(&format!("{} {} {}", term.term, term.aliases.join(" "), term.definition));
    q.split_whitespace().all(|w| hay.contains(w))
}

pub fn update(s: &mut State, action: Action, page: usize) {
    let max = s.metrics.help_lines.saturating_sub(s.metrics.help_rows);
    let Some(Overlay::Glossary(g)) = &mut s.overlay else { return };
    let mut by = |d: isize| g.scroll = g.scroll.min(max).saturating_add_signed(d).min(max);
    match action {
        Action::Up => by(-1),
        Action::Down => by(1),
        Action::PageUp => by(-(page as isize)),
        Action::PageDown => by(page as isize),
        Action::Insert(c) => {
            g.query.push(c);
            g.scroll = 0;
        }
        Action::DeleteBack => {
            g.query.pop();
            g.scroll = 0;
        }
        Action::ClearInput => {
            g.query.clear();
            g.scroll = 0;
        }
        Action::Back if !g.query.is_empty() => {
            g.query.clear();
            g.scroll = 0;
        }
        Action::Back | Action::Glossary => s.overlay = None,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Options, update};

    #[test]
    fn d_opens_the_glossary_typing_narrows_it_and_esc_clears_then_closes() {
        let t = crate::model::load::bundled_timeline().unwrap();
        let mut s = State::new(t, "bundled", Options::default());
        update(&mut s, Action::Glossary);
        assert!(matches!(s.overlay, Some(Overlay::Glossary(_))));
        for c in "ОДКБ".chars() {
            update(&mut s, Action::Insert(c));
        }
        let Some(Overlay::Glossary(g)) = &s.overlay else { panic!() };
        let shown: Vec<&str> =
            s.timeline.glossary.iter().filter(|t| matches(t, &g.query)).map(|t| t.term.as_str()).collect();
        assert_eq!(shown, ["CSTO"], "a Cyrillic form finds the term");
        update(&mut s, Action::Back);
        assert!(matches!(&s.overlay, Some(Overlay::Glossary(g)) if g.query.is_empty()));
        update(&mut s, Action::Back);
        assert!(s.overlay.is_none());
    }

    #[test]
    fn a_timeline_without_a_glossary_says_so() {
        let t =
            crate::model::load::timeline_from_str(include_str!("../../tests/fixtures/small.json"), "small.json", &[])
                .unwrap();
        let mut s = State::new(t, "small.json", Options::default());
        update(&mut s, Action::Glossary);
        assert!(s.overlay.is_none());
        assert_eq!(s.message.as_deref(), Some("This timeline has no glossary."));
    }
}
