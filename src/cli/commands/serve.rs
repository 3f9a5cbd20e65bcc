//! `kz-timeline serve`: the explorer for a whole class over SSH (see `crate::serve`). This file
//! only reads the options, prepares the starting view and says how to connect.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::app::{Options, State};
use crate::cli::args::{FilterArgs, InputArgs};
use crate::cli::output::{self, Failure, Outcome};
use crate::cli::{ColorChoice, ThemeChoice, theme_for};
use crate::serve::{self, Access, keys};

#[derive(Debug, Clone, Args)]
#[command(after_help = "Students connect with `ssh -p PORT class@ADDRESS` (any user name) and type the class \
password; the teacher connects with the key given to --teacher-key and presses L to lead. Ctrl-C stops the \
server and tells every student.\n\n\
Examples:\n  \
    kz-timeline serve --password-file class.txt                         # this machine only (try it)\n  \
    kz-timeline serve --listen 0.0.0.0:2222 --password-file class.txt --teacher-key ~/.ssh/id_ed25519.pub\n  \
    kz-timeline serve --open --region mangystau --to 2022-01-10        # anyone on the network, one region")]
pub struct ServeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Address and port to listen on; 0.0.0.0:2222 lets the class's machines in
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:2222", help_heading = "Serving")]
    pub listen: SocketAddr,
    /// A file whose first line is the class password students type
    #[arg(long, value_name = "FILE", help_heading = "Serving")]
    pub password_file: Option<PathBuf>,
    /// Let in anyone who can reach the port, without a password
    #[arg(long, help_heading = "Serving", conflicts_with = "password_file")]
    pub open: bool,
    /// The teacher's OpenSSH public key (.pub or authorized_keys): who logs in with it can lead
    #[arg(long, value_name = "FILE", help_heading = "Serving")]
    pub teacher_key: Option<PathBuf>,
    /// Most sessions at once; later ones are told the class is full
    #[arg(long, value_name = "N", default_value_t = 60, help_heading = "Serving", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub max_sessions: u32,
    /// Close a connection that has sent nothing for this long (90s, 45m, 3h)
    #[arg(long, value_name = "TIME", default_value = "3h", value_parser = parse_duration, help_heading = "Serving")]
    pub idle_timeout: Duration,
    /// Colour theme for every session: dark, light, or high-contrast
    #[arg(long, value_enum, value_name = "THEME", default_value_t = ThemeChoice::Dark)]
    pub theme: ThemeChoice,
    /// Colour in the sessions: auto (unless NO_COLOR is set here or a client's TERM is dumb), always, never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// "90s", "45m", "3h", or a number of seconds.
fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let (num, unit) = match t.char_indices().last() {
        Some((i, 's')) => (&t[..i], 1),
        Some((i, 'm')) => (&t[..i], 60),
        Some((i, 'h')) => (&t[..i], 3600),
        _ => (t, 1),
    };
    match num.trim().parse::<u64>() {
        Ok(n) if n > 0 => Ok(Duration::from_secs(n.saturating_mul(unit))),
        _ => Err(format!("\"{s}\" is not a time; write 90s, 45m or 3h")),
    }
}

pub fn run(args: ServeArgs) -> Outcome {
    let access = match (&args.password_file, args.open) {
        (Some(path), _) => Access::Password(keys::password(path).map_err(Failure::Input)?),
        (None, true) => Access::Open,
        (None, false) => {
            return Err(Failure::Input(
                "say who may join: --password-file FILE (students type the password on its first line) or --open \
                 (anyone who can reach the port)"
                    .into(),
            ));
        }
    };
    let teacher_keys = match &args.teacher_key {
        Some(path) => keys::teacher_keys(path).map_err(Failure::Input)?,
        None => Vec::new(),
    };
    let loaded = args.input.load()?;
    let mut state = State::new(loaded.timeline, loaded.label.clone(), Options::default());
    let filter = args.filter.resolve(&state.timeline, &state.dictionary)?;
    if filter.marked {
        return Err(Failure::Input("--marked: marks belong to each session; serve cannot start from them".into()));
    }
    if !filter.is_empty() {
        state.set_filter(filter);
        if state.view.is_empty() {
            return Err(Failure::Input("no events match these filters".into()));
        }
    }
    let dir = crate::state_file::state_dir()
        .ok_or_else(|| Failure::Input("no state directory for the host key: set HOME or XDG_STATE_HOME".into()))?;
    let key_path = keys::host_key_path(&dir);
    let (host_key, new_key) = keys::host_key(&key_path).map_err(Failure::Input)?;
    let theme = theme_for(args.color, args.theme, std::env::var_os("NO_COLOR").as_deref());
    let config = serve::Config {
        listen: args.listen,
        access: access.clone(),
        teacher_keys,
        max_sessions: args.max_sessions as usize,
        idle_timeout: args.idle_timeout,
        host_key: host_key.clone(),
        theme,
        input_rate: 64 << 10,
    };
    let events = state.view.len();
    let label = loaded.label;
    let teacher = args.teacher_key.is_some();
    serve::run(config, state, |bound| {
        output::eprint(&welcome(&label, events, bound, &keys::fingerprint(&host_key), new_key, &access, teacher));
    })
    .map_err(Failure::Runtime)
}

/// What the teacher reads when the server is up: how students connect, and the fingerprint.
fn welcome(
    label: &str,
    events: usize,
    bound: SocketAddr,
    fingerprint: &str,
    new_key: bool,
    access: &Access,
    teacher: bool,
) -> String {
    let port = bound.port();
    let addresses = if bound.ip().is_unspecified() {
        let mut a = lan_address().map(|ip| ip.to_string()).into_iter().collect::<Vec<_>>();
        a.push("this machine's name or address".into());
        a
    } else {
        vec![bound.ip().to_string()]
    };
    let mut s = format!("kz-timeline serve: {} ({events} events) on {bound}\n", crate::model::sanitize::line(label));
    s += "Students connect with:\n";
    for a in &addresses {
        s += &format!("    ssh -p {port} class@{a}\n");
    }
    s += match access {
        Access::Password(_) => "and type the class password (from --password-file).\n",
        Access::Open => "No password is asked (--open): anyone who can reach this port gets in.\n",
    };
    if bound.ip().is_loopback() {
        s += "Only this machine can connect; --listen 0.0.0.0:2222 lets the class's machines in.\n";
    }
    s += &format!(
        "Server key fingerprint{}: {fingerprint}\n  (ssh shows it the first time; read it out so students can check it)\n",
        if new_key { " (new)" } else { "" }
    );
    if teacher {
        s += &format!("You: ssh -p {port} -i YOUR-KEY teacher@{}, then press L to lead.\n", addresses[0]);
    }
    s += "Ctrl-C stops the server.\n";
    s
}

/// The address other machines on the network most likely reach this one at: the local side of
/// a UDP socket pointed at a public address (no packet is sent).
fn lan_address() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    socket.local_addr().ok().map(|a| a.ip()).filter(|ip| !ip.is_loopback() && !ip.is_unspecified())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("45m").unwrap(), Duration::from_secs(2700));
        assert_eq!(parse_duration("3h").unwrap(), Duration::from_secs(10800));
        assert_eq!(parse_duration("20").unwrap(), Duration::from_secs(20));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("soon").is_err());
    }
}
