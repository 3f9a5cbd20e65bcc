//! `kz-timeline present` and `kz-timeline quiz`: the terminal app started in presentation or
//! quiz mode (see `cli::start`), for the classroom.

use clap::Args;

use crate::cli::DisplayArgs;
use crate::cli::args::{FilterArgs, InputArgs};

#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Keys: → or Space next, ← previous, ↑↓ scroll a long slide, a number and Enter jumps, a auto-advance \
(+ and - change its speed), b blanks the screen, o notes, P presenter view, m marks, Esc or q the explorer.\n\n\
Examples:\n  \
    kz-timeline present\n  \
    kz-timeline present --theme high-contrast --autoplay 20\n  \
    kz-timeline present --region mangystau --from 2022-01-02 --to 2022-01-06\n  \
    kz-timeline present --marked --notes        # the marks you made in the app, with your notes\n  \
    kz-timeline present --presenter             # on the teacher's screen, and on the projector:\n  \
    kz-timeline present --follow                # the slides, kept in step"
)]
pub struct PresentArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Show teacher notes (o shows and hides them; keep them off the projector)
    #[arg(long, help_heading = "Presentation")]
    pub notes: bool,
    /// The presenter's screen: the slide, the next slide, the notes and a clock; a second
    /// `present --follow` (the projector) stays on the same slide
    #[arg(long, help_heading = "Presentation", conflicts_with = "follow")]
    pub presenter: bool,
    /// Show the slides in step with a `present --presenter` running on this machine (keys in
    /// either window move both)
    #[arg(long, help_heading = "Presentation")]
    pub follow: bool,
    /// Advance to the next slide every SECS seconds (a pauses and resumes)
    #[arg(long, value_name = "SECS", help_heading = "Presentation", value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub autoplay: Option<u32>,
    /// Start on the event with this id
    #[arg(long, value_name = "EVENT-ID", help_heading = "Presentation")]
    pub at: Option<String>,
    /// Reload the file whenever it is saved, staying on the same slide
    #[arg(long, help_heading = "Presentation")]
    pub watch: bool,
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Clone, Args)]
#[command(after_help = "Keys: 1-4 (or a-d) answer, Enter next question; at the end r reviews the wrong answers and t \
tries them again; Esc or q ends the quiz.\n\n\
Examples:\n  \
    kz-timeline quiz\n  \
    kz-timeline quiz --seed 2022 --count 8     # the same quiz for the whole class\n  \
    kz-timeline quiz --region mangystau --to 2022-01-10\n  \
    kz-timeline quiz --marked                  # questions only on the events you marked")]
pub struct QuizArgs {
    #[command(flatten)]
    pub input: InputArgs,
    // Questions only about these events (the others may still appear among the wrong choices).
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Make the quiz repeatable: the same seed gives the same questions on every machine
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Number of questions
    #[arg(long, value_name = "N", default_value_t = crate::app::quiz::DEFAULT_QUESTIONS, value_parser = clap::value_parser!(u16).range(1..=200))]
    pub count: u16,
    #[command(flatten)]
    pub display: DisplayArgs,
}
