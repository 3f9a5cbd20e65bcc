//! A problem that stays on screen under the header until it is solved: with `--watch`, a save
//! of the file that does not load (see `app::reload`). The first line says what happened and
//! what is shown instead; the lines below give the loader's first problems, as `check` would.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::{truncate, wrap};
use crate::app::State;
use crate::model::sanitize;

/// Lines of the loader's message shown under the first line.
const PROBLEM_LINES: usize = 2;

/// Rows the banner takes at `width` columns: none without a problem.
pub fn height(state: &State, width: u16) -> u16 {
    lines(state, width as usize).len() as u16
}

fn problem_lines(problem: &str) -> impl Iterator<Item = &str> {
    problem.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).take(PROBLEM_LINES)
}

/// What the banner says: its first line and the problems under it (already made safe).
pub fn words(state: &State) -> Option<(String, Vec<String>)> {
    let problem = state.banner.as_deref()?;
    let head = format!(
        "{} changed on disk and does not load now: showing the last version that did. Fix it and save again.",
        state.source_label
    );
    Some((sanitize::line(&head), problem_lines(problem).map(sanitize::line).collect()))
}

/// The banner's lines: what happened, wrapped so that none of it is cut, then the problems, each
/// cut to one line.
fn lines(state: &State, w: usize) -> Vec<(String, bool)> {
    let Some((head, problems)) = words(state) else { return Vec::new() };
    let mut out: Vec<(String, bool)> = wrap(&head, w.saturating_sub(4))
        .into_iter()
        .enumerate()
        .map(|(i, l)| (format!("{}{l} ", if i == 0 { " ⚠ " } else { "   " }), true))
        .collect();
    out.extend(problems.iter().map(|l| (truncate(&format!("   {l}"), w).into_owned(), false)));
    out
}

pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = lines(state, area.width as usize)
        .into_iter()
        .map(|(l, head)| Line::styled(l, if head { theme.message } else { theme.base }))
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.base), area);
}

/// The banner in one row (a slide's title row): what happened and the first problem, cut to fit.
pub fn render_line(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some((head, problems)) = words(state) else { return };
    let first = problems.first().map(|p| format!(" {p}")).unwrap_or_default();
    let text = truncate(&format!(" ⚠ {head}{first}"), area.width as usize).into_owned();
    let row = Rect { height: 1, ..area };
    frame.render_widget(ratatui::widgets::Clear, row);
    frame.render_widget(Paragraph::new(Line::styled(text, theme.message)).style(theme.base), row);
}
