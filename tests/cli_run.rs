//! The commands run as the real binary: exit codes, `check`, the JSON round trip through the
//! loader, filters, pipes and colour, completions and the manual, escaping of hostile text, and
//! atomic writes of handouts.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kz-timeline"));
    c.current_dir(fixtures()).env_remove("NO_COLOR").env("SOURCE_DATE_EPOCH", "1700000000");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Run and require success with nothing on stdout; return what was said on stderr.
fn wrote(args: &[&str]) -> String {
    let o = run(args);
    assert!(o.status.success() && o.stdout.is_empty(), "{args:?}: {:?} {}", o.status, stderr(&o));
    stderr(&o)
}

/// Run and require success with nothing on stderr.
fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(o.status.success() && o.stderr.is_empty(), "{args:?}: {:?} {}", o.status, stderr(&o));
    stdout(&o)
}

/// The ids in `list` text output (the last word of each event line).
fn ids(text: &str) -> Vec<String> {
    text.lines().filter(|l| l.starts_with("  ")).filter_map(|l| l.split_whitespace().last()).map(String::from).collect()
}

#[test]
fn exit_codes() {
    let cases: &[(&[&str], i32, &str)] = &[
        (&["list", "small.json"], 0, ""),
        (
            &["list", "--region", "atlantis"],
            2,
            "error: --region: unknown region \"atlantis\"; `kz-timeline regions` lists",
        ),
        (
            &["list", "--region", "mangystaw"],
            2,
            "error: --region: unknown region \"mangystaw\"; did you mean \"mangystau\"",
        ),
        (
            &["list", "--region", "zhanaozen"],
            2,
            "error: --region: \"zhanaozen\" is not a region but a place in Mangystau",
        ),
        (
            &["list", "small.json", "--category", "weathr"],
            2,
            "error: --category: unknown category \"weathr\"; known categories: weather, flood, ",
        ),
        (
            &["list", "--actor", "Nobody In Particular"],
            2,
            "error: --actor: no event lists the actor \"Nobody In Particular\"",
        ),
        (
            &["list", "--from", "2022-02-30"],
            2,
            "error: --from: \"2022-02-30\" is not a real date: February 2022 has 28 days\n",
        ),
        (&["list", "--to", "someday"], 2, "error: --to: cannot read the date \"someday\""),
        (
            &["list", "--from", "2022-01-10", "--to", "2022-01-05"],
            2,
            "error: --from (10 Jan 2022) is after --to (5 Jan 2022)\n",
        ),
        (&["list", "--from", "mar", "--to", "feb"], 2, "error: --from (Mar 2022) is after --to (Feb 2022)\n"),
        (&["list", "--from", "31 feb"], 2, "error: --from: \"31 feb\" is not a real date: February 2022 has 28 days\n"),
        (&["list", "bad/many-problems.json"], 2, "error: bad/many-problems.json: 10 problems\n"),
        (&["list", "does-not-exist.json"], 2, "error: does-not-exist.json: no such file\n"),
        (&["list", "--format", "yaml"], 2, "error: invalid value 'yaml' for '--format <FORMAT>'"),
        (&["show", "no-such-event", "small.json"], 2, "error: no event has the id \"no-such-event\"\n"),
        (&["show", "levee", "small.json"], 2, "error: no event has the id \"levee\"; did you mean levee-breach?\n"),
        (&["check", "bad/truncated.json"], 2, "error: bad/truncated.json:"),
        (&["export", "-o", "handout.txt"], 2, "error: cannot tell the format from \"handout.txt\""),
        (
            &["export", "small.json", "-o", "/nonexistent-dir/handout.html"],
            1,
            "error: cannot write /nonexistent-dir/handout.html: ",
        ),
        (
            &["man", "nope"],
            2,
            "error: no command \"nope\"; commands: list, show, check, export, convert, regions, names, present, quiz, serve, completions, man\n",
        ),
        (&["frobnicate"], 2, "error: frobnicate: no such file\n"),
        (
            &["quiz", "--region", "aktobe"],
            2,
            "error: these filters leave 1 event, too few for a quiz: 1 question can be made from them and a quiz needs 3",
        ),
        (&["quiz", "--from", "2023-06", "--to", "2023-12"], 2, "error: no events match these filters\n"),
        (&["--watch"], 2, "error: --watch follows a file: name one (the bundled timeline does not change)\n"),
        (&["--watch", "-"], 2, "error: --watch follows a file on disk; standard input cannot be read again\n"),
        (&["--watch", "missing.json"], 2, "error: missing.json: no such file\n"),
        (&["serve"], 2, "error: say who may join: --password-file FILE"),
        (&["serve", "--password-file", "missing.txt"], 2, "error: --password-file missing.txt: "),
        (&["serve", "--open", "--idle-timeout", "soon"], 2, "error: invalid value 'soon' for '--idle-timeout <TIME>'"),
    ];
    for (args, code, err) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(*code), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with(err), "{args:?}:\n{}", stderr(&o));
        if *code != 0 {
            assert!(o.stdout.is_empty(), "{args:?} wrote to stdout");
        }
    }
}

#[test]
fn help_documents_the_exit_status() {
    for args in [&["--help"][..], &["list", "--help"], &["export", "--help"], &["check", "--help"]] {
        let out = ok(args);
        assert!(out.contains("Exit status: 0 success; 1 "), "{args:?}");
        assert!(out.contains("2 unusable"), "{args:?}");
    }
}

#[test]
fn check_lists_every_problem() {
    let o = run(&["check", "bad/many-problems.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    // The same located messages the app prints (fewer than its limit of 20 here).
    let expected = std::fs::read_to_string(fixtures().join("bad/many-problems.stderr")).unwrap();
    assert_eq!(stderr(&o), expected);
    assert_eq!(stderr(&o).lines().filter(|l| l.starts_with("  bad/many-problems.json:")).count(), 10);

    // Over the app's limit: the app lists 20 and points to `check`, which lists them all.
    let dir = tempfile::tempdir().unwrap();
    let events: Vec<String> = (0..25)
        .map(|i| {
            format!(
                r#"{{"id": "e{i}", "start": {{"date": "2022-02-3{}"}}, "title": "T", "summary": "S", "sources": []}}"#,
                i % 2
            )
        })
        .collect();
    let path = dir.path().join("many.json");
    std::fs::write(
        &path,
        format!(r#"{{"format": "kz-timeline", "version": 1, "title": "T", "events": [{}]}}"#, events.join(",\n")),
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let o = run(&["check", p]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with(&format!("error: {p}: 50 problems\n")), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with(&format!("  {p}:"))).count(), 50);
    assert!(!err.contains("more"), "{err}");
    for line in err.lines().skip(1) {
        // FILE:LINE:COLUMN: JSON-PATH: message
        let rest = line.trim_start().strip_prefix(&format!("{p}:")).unwrap();
        let mut parts = rest.splitn(4, ':');
        let (l, c, path) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
        assert!(l.parse::<usize>().is_ok() && c.parse::<usize>().is_ok(), "{line}");
        assert!(path.trim().starts_with("events["), "{line}");
    }
    let o = run(&["list", p]);
    assert!(
        stderr(&o).ends_with(&format!("… and 30 more (run `kz-timeline check {p}` to see them all)\n")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_ok_says_how_many_events() {
    assert_eq!(ok(&["check", "small.json"]), "small.json: OK, 12 events\n");
    // Several files: every one is checked, and one bad file makes the status 2.
    let o = run(&["check", "small.json", "bad/empty.json", "good/utf8-bom.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "small.json: OK, 12 events\ngood/utf8-bom.json: OK, 12 events\n");
    assert_eq!(stderr(&o), "error: bad/empty.json: the file is empty\n");
}

#[test]
fn json_output_round_trips_through_the_loader() {
    let dir = tempfile::tempdir().unwrap();
    for (source, filters) in [
        ("small.json", &[][..]),
        ("small.json", &["--region", "hills", "--from", "2021-09-03"][..]),
        ("", &[][..]),
        ("", &["--search", "csto", "--disputed"][..]),
    ] {
        let mut args = vec!["list", "--format", "json"];
        args.extend(filters);
        if !source.is_empty() {
            args.push(source);
        }
        let json = ok(&args);
        let path = dir.path().join("out.json");
        std::fs::write(&path, &json).unwrap();
        let p = path.to_str().unwrap();
        // It loads, with exactly the filtered events ...
        let check = ok(&["check", p]);
        let mut text_args = vec!["list"];
        text_args.extend(filters);
        if !source.is_empty() {
            text_args.push(source);
        }
        let expected = ok(&text_args);
        assert!(check.ends_with(&format!("OK, {} events\n", ids(&expected).len())), "{check}");
        assert!(!ids(&expected).is_empty(), "{filters:?} selects nothing");
        // ... which list the same as they did from the original ...
        assert_eq!(ok(&["list", p]), expected, "{source} {filters:?}");
        // ... and written again, the file is the same.
        assert_eq!(ok(&["list", "--format", "json", p]), json);
    }
}

/// The UX review's filter bugs on the bundled chronology: region names as `regions` prints
/// them (B6), typed months (B3) and case (B7).
#[test]
fn filters_read_region_names_typed_months_and_any_case() {
    let list = |args: &[&str]| ids(&ok(&[&["list"][..], args].concat()));
    let almaty = list(&["--region", "almaty"]);
    assert!(!almaty.is_empty());
    for name in ["Алматы", "Almaty (city)", "alma-ata", "KZ-ALA"] {
        assert_eq!(list(&["--region", name]), almaty, "{name}");
    }
    let aktobe = list(&["--region", "aktobe"]);
    for name in ["Ақтөбе облысы", "Актюбинская область", "AKTOBE"] {
        assert_eq!(list(&["--region", name]), aktobe, "{name}");
    }
    assert_eq!(list(&["--region", "Маңғыстау облысы"]), list(&["--region", "mangystau"]));
    // A month typed in words is the whole month, as 2022-02 is.
    let feb = list(&["--from", "2022-02", "--to", "2022-02"]);
    assert!(!feb.is_empty());
    for (from, to) in [("feb", "feb"), ("feb 2022", "feb 2022"), ("February 2022", "February 2022")] {
        assert_eq!(list(&["--from", from, "--to", to]), feb, "{from}..{to}");
    }
    // Case never matters, in any script, for text and for the name dictionary.
    for (lower, upper) in [("tokayev", "TOKAYEV"), ("internet", "INTERNET"), ("тоқаев", "ТОҚАЕВ"), ("odkb", "ОДКБ")]
    {
        let want = list(&["--search", lower]);
        assert!(!want.is_empty(), "{lower}");
        assert_eq!(list(&["--search", upper]), want, "{upper}");
    }
}

#[test]
fn filters_combine() {
    let list = |args: &[&str]| {
        let mut a = vec!["list", "small.json"];
        a.extend(args);
        ids(&ok(&a))
    };
    assert_eq!(list(&["--region", "Harbour"]), ["harbor-closes", "power-cut", "harbor-reopens"]);
    // Within an option: or. Across options: and.
    assert_eq!(
        list(&["--category", "flood", "--category", "Transport", "--region", "harbor"]),
        ["harbor-closes", "harbor-reopens"]
    );
    assert_eq!(list(&["--category", "flood", "--from", "2021-09-03", "--to", "2021-09-05"]), ["levee-breach", "peak"]);
    // An event spanning days overlaps the range.
    assert_eq!(
        list(&["--from", "4 Sep 2021", "--to", "2021-09-04", "--category", "government"]),
        ["schools-close", "army-deployed"]
    );
    // A month as --to means its last day.
    assert_eq!(list(&["--from", "2021-10", "--to", "2021-10"]), ["inquiry"]);
    assert_eq!(list(&["--disputed"]), ["levee-breach"]);
    assert_eq!(list(&["--search", "mill bridge"]), ["river-rises", "peak"]);
    assert_eq!(
        list(&["--search", "evacuated", "--disputed", "--region", "hills", "--category", "flood"]),
        ["levee-breach"]
    );
    // Nothing matches: empty output and a note for people.
    let o = run(&["list", "small.json", "--search", "evacuated", "--region", "harbor"]);
    assert!(o.status.success() && o.stdout.is_empty());
    assert_eq!(stderr(&o), "No events match the filters.\n");
    for format in ["markdown", "html"] {
        let handout = ok(&["export", "small.json", "--search", "volcano", "--format", format, "-o", "-"]);
        assert!(handout.contains("0 of 12 events") && handout.contains("No events match the filters."), "{handout}");
    }
}

#[test]
fn actors_and_search_understand_other_spellings() {
    // The bundled name dictionary: Toqaev, Токаев and Tokayev are one person.
    let a = ids(&ok(&["list", "--actor", "Toqaev"]));
    let b = ids(&ok(&["list", "--actor", "Токаев"]));
    assert!(a.len() >= 5, "{a:?}");
    assert_eq!(a, b);
    let csto = ids(&ok(&["list", "--search", "ОДКБ"]));
    assert_eq!(csto, ids(&ok(&["list", "--search", "csto"])));
    assert!(!csto.is_empty());
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // The bundled timeline as JSON is far larger than a pipe's buffer, so the writer does meet
    // the closed pipe.
    let mut child =
        bin().args(["list", "--format", "json"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert_eq!(line, "{\n");
    drop(reader);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // The same through a shell pipeline, for every command that prints.
    for cmd in [
        "list",
        "list --format csv",
        "show 2022-01-05-almaty-akimat-stormed",
        "names",
        "regions",
        "man",
        "completions bash",
        "export -o - --format html",
    ] {
        let script = format!(
            "'{}' {cmd} | head -c 1 > /dev/null; echo \"${{PIPESTATUS[0]}}\"",
            env!("CARGO_BIN_EXE_kz-timeline")
        );
        let o = Command::new("bash").args(["-c", &script]).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&o.stdout), "0\n", "{cmd}");
        assert_eq!(String::from_utf8_lossy(&o.stderr), "", "{cmd}");
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    for args in [&["list"][..], &["show", "levee-breach"], &["regions"], &["names"]] {
        let mut a = args.to_vec();
        a.push("small.json");
        let plain = ok(&a);
        assert!(!plain.contains('\x1b'), "{args:?} coloured into a pipe");
        a.extend(["--color", "always"]);
        let coloured = ok(&a);
        assert!(coloured.contains("\x1b[1m"), "{args:?} not coloured with --color always");
        // Colour is only added around cells: without it the text is the same.
        let stripped = coloured
            .replace("\x1b[1m", "")
            .replace("\x1b[2m", "")
            .replace("\x1b[36m", "")
            .replace("\x1b[33m", "")
            .replace("\x1b[0m", "");
        assert_eq!(stripped, plain, "{args:?}");
    }
    let o = bin().args(["list", "small.json", "--color", "always"]).env("NO_COLOR", "1").output().unwrap();
    assert!(stdout(&o).contains('\x1b'), "--color always overrides NO_COLOR");
    assert!(!ok(&["list", "small.json", "--color", "never"]).contains('\x1b'));
    // Machine formats are never coloured.
    for format in ["json", "csv", "markdown"] {
        assert!(!ok(&["list", "small.json", "--color", "always", "--format", format]).contains('\x1b'), "{format}");
    }
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = ok(&["completions", shell]);
        assert!(out.len() > 500 && out.contains("kz-timeline"), "{shell}");
        assert!(out.contains("list") && out.contains("export"), "{shell}: commands missing");
    }
    let man = ok(&["man"]);
    assert!(man.contains(".TH kz-timeline 1"), "{}", &man[..200.min(man.len())]);
    assert!(man.contains("list") && man.contains("\\-\\-max\\-size"));
    let list = ok(&["man", "list"]);
    assert!(list.contains(".TH kz-timeline-list 1") && list.contains("\\-\\-disputed"));
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_app_invocation_is_unchanged() {
    // Options before a command's name belong to the app: here the app looks for a file "list".
    let o = run(&["--mouse", "list"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: list: no such file\nhint: to run the list command, put its options after its name: kz-timeline list [OPTIONS]\n"
    );
    // A file literally named like a command opens as ./list.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixtures().join("small.json"), dir.path().join("list")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_kz-timeline"))
        .arg("./list")
        .arg("--region")
        .arg("hills")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(stderr(&o), "error: standard output is not a terminal; kz-timeline needs one to draw its screen\n");
    let o = run(&["--region", "atlantis", "small.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: --region: unknown region \"atlantis\""));
    // The app takes every filter option list takes, checked before the terminal is touched.
    let o = run(&["--from", "feb", "--to", "jan", "small.json"]);
    assert_eq!(stderr(&o), "error: --from (Feb 2022) is after --to (Jan 2022)\n");
    for args in
        [&["--from", "2021-09-03", "--category", "flood", "--search", "levee"][..], &["--disputed"], &["--actor", "x"]]
    {
        let o = run(&[args, &["small.json"]].concat());
        let e = stderr(&o);
        assert!(!e.contains("unexpected argument"), "{args:?}: {e}");
    }
    let o = run(&["--at", "nope", "small.json"]);
    assert_eq!(stderr(&o), "error: no event has the id \"nope\"\n");
    // Options after a command are the command's: --mouse is not one of list's.
    assert_eq!(run(&["list", "--mouse"]).status.code(), Some(2));
}

#[test]
fn the_short_handout_is_one_line_per_event_and_no_handout_points_into_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let t = kz_timeline::model::load::bundled_timeline().unwrap();
    for (name, short) in [("short.html", true), ("short.md", true), ("full.html", false), ("full.md", false)] {
        let path = dir.path().join(name);
        let p = path.to_str().unwrap();
        let args: &[&str] = if short { &["export", "--short", "-o", p] } else { &["export", "-o", p] };
        assert_eq!(wrote(args), format!("Wrote {p} ({} events)\n", t.events.len()));
        let doc = std::fs::read_to_string(&path).unwrap();
        for bad in ["docs/", "SOURCES.md", "github", "repository"] {
            assert!(!doc.contains(bad), "{name} mentions {bad:?}");
        }
        if !short {
            let kept = "Compiled from news agencies, RFE/RL, rights groups and official statements.";
            assert!(doc.contains(kept), "{name}: the rest of the description stays");
            continue;
        }
        // One row per event, with its span when it lasts several days, and numbered sources.
        let rows =
            doc.lines().filter(|l| l.starts_with("<tr><td") || l.starts_with("| ") && !l.starts_with("| Date")).count();
        assert_eq!(rows, t.events.len(), "{name}");
        assert!(doc.contains("4–6 Jan 2022"), "{name}: the span of the journalists' detention");
        assert!(doc.contains("Sources"), "{name}");
        assert!(!doc.contains("Claims") && !doc.contains("People and organisations"), "{name}: short means short");
        let sources = doc.lines().filter(|l| l.starts_with("<li id=\"source-") || l.starts_with("[^")).count();
        assert!(sources > 0 && sources <= t.events.len(), "{name}: {sources} sources, at most one per event");
    }
    let o = run(&["export", "--short", "--notes", "-o", "x.html"]);
    assert_eq!(o.status.code(), Some(2), "--notes belongs to the full handout");
}

#[test]
fn marked_selects_the_events_marked_in_the_app() {
    let state = tempfile::tempdir().unwrap();
    let with_state = |args: &[&str]| bin().env("XDG_STATE_HOME", state.path()).args(args).output().unwrap();
    let none = "error: --marked: no events are marked for this timeline yet (press m in the app to mark some)\n";
    for args in [&["list", "--marked"][..], &["export", "--marked", "-o", "-", "--format", "markdown"], &["--marked"]] {
        let o = with_state(args);
        assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(2), none), "{args:?}");
    }
    // Marks as the app saves them (the state file of the fixture, found from its path).
    let dir = state.path().join("kz-timeline");
    std::fs::create_dir_all(&dir).unwrap();
    let name = kz_timeline::state_file::file_name(Some(&fixtures().join("small.json")));
    let saved = kz_timeline::state_file::Saved::new("small.json", vec!["peak".into(), "power-cut".into()], None);
    kz_timeline::state_file::write(&dir.join(name), &saved).unwrap();
    let o = with_state(&["list", "small.json", "--marked"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(ids(&stdout(&o)), ["power-cut", "peak"]);
    let o = with_state(&["list", "small.json", "--marked", "--region", "hills"]);
    assert_eq!(ids(&stdout(&o)), ["peak"]);
    // The app and present get past the filters (and stop for want of a terminal).
    for args in [&["small.json", "--marked"][..], &["present", "small.json", "--marked"]] {
        let o = with_state(args);
        assert_eq!(stderr(&o), "error: standard output is not a terminal; kz-timeline needs one to draw its screen\n");
    }
}

/// A timeline whose text tries every trick.
const HOSTILE: &str = r#"{
  "format": "kz-timeline", "version": 1,
  "title": "<script>alert('t')</script> & \"quotes\"",
  "description": "[a link](https://evil.example) <img src=x onerror=alert(1)> *bold*",
  "categories": [{"id": "c", "name": "<b>Topic</b>"}],
  "events": [{
    "id": "x", "start": {"date": "2022-01-05"},
    "title": "<script>alert(1)</script> [click](javascript:alert(1))",
    "summary": "- not a list & <i>not italic</i> ![img](https://evil.example/x.png)",
    "body": "1. not numbered\n\n=SUM(A1)",
    "region": "almaty", "categories": ["c"],
    "actors": ["=HYPERLINK(\"https://evil.example\")", "@attacker"],
    "sources": [{"id": "s", "publisher": "<Evil> \"Press\"", "title": "'quoted' & <b>", "url": "https://evil.example/a?b=<c>&d=\"e\""}],
    "claims": [{"by": "<svg onload=alert(1)>", "date": "2022-01-05", "text": "`code` | pipe", "status": "disputed", "source": "s", "note": "</li><script>"}]
  }]
}"#;

#[test]
fn hostile_text_is_escaped_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.json");
    std::fs::write(&path, HOSTILE).unwrap();
    let p = path.to_str().unwrap();

    let html = ok(&["export", p, "-o", "-", "--format", "html"]);
    for bad in
        ["<script", "<img", "<svg", "<b>", "<i>", "</li><", "<Evil>", "javascript:alert(1)\"", "onerror=alert(1)>"]
    {
        assert!(!html.contains(bad), "HTML contains {bad:?}");
    }
    assert!(
        html.contains("<h1>&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;</h1>"),
        "{html}"
    );
    assert!(html.contains("href=\"https://evil.example/a?b=&lt;c&gt;&amp;d=&quot;e&quot;\""), "{html}");
    // The only tags are ours: count them against the page's known structure.
    assert_eq!(html.matches("<script").count() + html.matches("<img").count(), 0);
    assert!(html.contains("Content-Security-Policy"));

    let md = ok(&["export", p, "-o", "-", "--format", "markdown"]);
    // Markup characters from the data are all backslash-escaped.
    let unescaped = |text: &str, pat: &str| text.match_indices(pat).any(|(i, _)| !text[..i].ends_with('\\'));
    for bad in ["<script", "<img", "<svg", "[click]", "](javascript", "![img]", "<i>", "`code`", "*bold*"] {
        assert!(!unescaped(&md, bad), "Markdown contains {bad:?}:\n{md}");
    }
    assert!(md.contains(r"\<script\>alert(1)\</script\> \[click\](javascript:alert(1))"), "{md}");
    assert!(md.contains("\n\\- not a list \\& "), "{md}");
    assert!(md.contains("\n1\\. not numbered\n"), "{md}");
    assert!(md.contains(r"\`code\` \| pipe"), "{md}");
    assert!(md.contains("<https://evil.example/a?b=%3Cc%3E&d=\"e\">"), "{md}");
    let list_md = ok(&["list", p, "--format", "markdown"]);
    assert!(!unescaped(&list_md, "<script") && !unescaped(&list_md, "[click]"), "{list_md}");

    let csv = ok(&["list", p, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let get = |name: &str| row.get(headers.iter().position(|h| h == name).unwrap()).unwrap().to_string();
    assert_eq!(get("title"), "<script>alert(1)</script> [click](javascript:alert(1))");
    assert_eq!(get("actors"), "'=HYPERLINK(\"https://evil.example\"); @attacker");
    assert_eq!(get("summary"), "'- not a list & <i>not italic</i> ![img](https://evil.example/x.png)");
    assert_eq!(get("claims"), "1");

    // JSON keeps the text as it is (it is data), and still loads.
    let json = ok(&["list", p, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["events"][0]["title"], "<script>alert(1)</script> [click](javascript:alert(1))");
}

#[test]
fn export_writes_atomically_and_guards_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("handout.html");
    let o = out.to_str().unwrap();
    assert_eq!(wrote(&["export", "small.json", "-o", o]), format!("Wrote {o} (12 events)\n"));
    let first = std::fs::read_to_string(&out).unwrap();
    assert!(first.starts_with("<!DOCTYPE html>") && first.ends_with("</html>\n"));
    // Replaced in place, nothing left behind.
    assert_eq!(wrote(&["export", "small.json", "--region", "hills", "-o", o]), format!("Wrote {o} (5 of 12 events)\n"));
    assert_ne!(std::fs::read_to_string(&out).unwrap(), first);
    let md = dir.path().join("handout.md");
    wrote(&["export", "small.json", "-o", md.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# Northvale floods"));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // Never over the timeline it reads.
    let input = dir.path().join("t.json");
    std::fs::copy(fixtures().join("small.json"), &input).unwrap();
    let o = run(&["export", input.to_str().unwrap(), "--format", "markdown", "-o", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&input).unwrap(), std::fs::read(fixtures().join("small.json")).unwrap());
}
