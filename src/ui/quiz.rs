//! The quiz screen: the question and its choices; after an answer, whether it was right, the
//! explanation with its source; at the end, the score.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{truncate, wrap};
use super::{Theme, footer};
use crate::app::State;
use crate::app::quiz::QuizState;

const TEXT_W: usize = 78;

/// The question, its choices and, once answered, the verdict and explanation. `compact` (a small
/// terminal, after an answer) keeps the prompt to two lines and only the chosen and the right
/// choices, so the explanation stays on screen.
fn question_lines(q: &QuizState, theme: &Theme, w: usize, compact: bool) -> Vec<Line<'static>> {
    let Some(question) = q.current() else { return Vec::new() };
    let mut lines = Vec::new();
    if let Some(r) = q.reviewing {
        let n = q.wrong().len();
        lines.push(Line::styled(
            format!("Reviewing wrong answer {} of {n} (question {})", r + 1, q.shown() + 1),
            theme.label,
        ));
    }
    let prompt = wrap(&question.prompt, w);
    let keep = if compact { 2 } else { prompt.len() };
    lines.extend(prompt.into_iter().take(keep).map(|l| Line::styled(l, theme.title)));
    lines.push(Line::default());
    let chosen = q.chosen();
    for (i, choice) in question.choices.iter().enumerate() {
        if compact && chosen.is_some_and(|c| c != i) && i != question.answer {
            continue;
        }
        let key = if theme.plain { format!("{}.", i + 1) } else { format!(" {} ", i + 1) };
        // Before an answer every choice looks the same; after it, the right one is marked.
        let (mark, style) = match chosen {
            None => ("  ", theme.base),
            Some(_) if i == question.answer => (if theme.plain { "Right answer: " } else { "✓ " }, theme.checked),
            Some(c) if c == i => (if theme.plain { "Your answer: " } else { "✗ " }, theme.status_disputed),
            Some(_) => ("  ", theme.dim),
        };
        let lead = crate::text::width(mark) + crate::text::width(&key) + 1;
        let text_lines = wrap(choice, w.saturating_sub(lead.max(7)));
        for (j, l) in text_lines.into_iter().enumerate() {
            if j == 0 {
                lines.push(Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(key.clone(), theme.footer_key),
                    Span::raw(" "),
                    Span::styled(l, style),
                ]));
            } else {
                lines.push(Line::from(vec![Span::raw("      "), Span::styled(l, style)]));
            }
        }
    }
    if let Some(c) = chosen {
        lines.push(Line::default());
        let verdict = if c == question.answer {
            Line::styled("Correct.", theme.checked)
        } else {
            Line::styled(format!("Not quite: the answer is {}.", question.answer + 1), theme.status_disputed)
        };
        lines.push(verdict);
        lines.extend(wrap(&question.explanation, w).into_iter().map(Line::from));
    }
    lines
}

fn score_lines(q: &QuizState, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let n = q.questions.len();
    let mut lines = vec![Line::styled(format!("Score: {} of {n}", q.score()), theme.big), Line::default()];
    for (i, (question, a)) in q.questions.iter().zip(&q.answers).enumerate() {
        let (mark, style) = match (*a == question.answer, theme.plain) {
            (true, false) => ("✓", theme.checked),
            (false, false) => ("✗", theme.status_disputed),
            (true, true) => ("Right:", theme.checked),
            (false, true) => ("Wrong:", theme.status_disputed),
        };
        // Multi-line prompts (put-in-order lists their events) read as one line here.
        let one_line = question.prompt.replace('\n', " ");
        let text = truncate(&one_line, w.saturating_sub(crate::text::width(mark) + 5)).into_owned();
        lines.push(Line::from(vec![Span::styled(format!("{mark} {:>2}. ", i + 1), style), Span::raw(text)]));
    }
    lines.push(Line::default());
    if !q.wrong().is_empty() {
        lines.push(Line::styled("Press r to go through the wrong answers, t to try them again.", theme.label));
    }
    let again = if q.standalone {
        format!("The same questions come back with --seed {}.", q.seed)
    } else {
        format!("The same questions come back with kz-timeline quiz --seed {} on the same events.", q.seed)
    };
    lines.extend(wrap(&again, w).into_iter().map(|l| Line::styled(l, theme.dim)));
    lines
}

pub fn render(state: &State, q: &QuizState, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    footer::render(state, theme, frame, Rect { y: area.bottom() - 1, height: 1, ..area });
    render_in(q, theme, frame, Rect { height: area.height - 1, ..area });
}

/// The header and the question (or the score) in `area`, without the footer.
pub fn render_in(q: &QuizState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let w = (area.width as usize).saturating_sub(4).min(TEXT_W);
    let x = area.x + (area.width - w as u16) / 2;
    let header = if q.questions.is_empty() {
        " Quiz: this timeline has too little data for questions.".to_string()
    } else if q.finished() {
        " Quiz: finished".to_string()
    } else {
        format!(" Quiz · question {} of {} · score {}", q.index + 1, q.questions.len(), q.score())
    };
    let header = if theme.plain { header.replace(" · ", ", ").trim_start().to_string() } else { header };
    frame.render_widget(
        Paragraph::new(Line::styled(header, theme.header_title)).style(theme.header),
        Rect { height: 1, ..area },
    );
    let body_h = area.height.saturating_sub(2);
    let lines = if q.on_score_screen() {
        score_lines(q, theme, w)
    } else {
        let full = question_lines(q, theme, w, false);
        if full.len() > body_h as usize && q.chosen().is_some() { question_lines(q, theme, w, true) } else { full }
    };
    let h = (lines.len() as u16).min(body_h);
    // Plain: from the left, right under the header, as a screen reader reads it.
    let (x, y) = if theme.plain { (area.x, area.y + 1) } else { (x, area.y + 1 + (body_h - h) / 3) };
    frame.render_widget(Paragraph::new(lines), Rect { x, y, width: w as u16, height: h });
}
