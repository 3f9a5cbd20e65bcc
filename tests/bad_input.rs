//! Every file under tests/fixtures/bad/ must be refused with exit status 2, nothing on stdout, and
//! exactly the message in the `.stderr` file next to it. To (re)write the expected messages after a
//! deliberate change, run `BLESS=1 cargo test --test bad_input` and review the diff.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kz-timeline"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Run with a path relative to the fixtures directory, so messages do not depend on the checkout.
fn run_on(rel: &str) -> Output {
    bin().arg(rel).current_dir(fixtures()).output().unwrap()
}

#[test]
fn each_bad_file_gives_its_exact_error() {
    let dir = fixtures().join("bad");
    let bless = std::env::var_os("BLESS").is_some();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "fixtures missing: {names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let out = run_on(&format!("bad/{name}"));
        let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
        let expected_path = dir.join(name.replace(".json", ".stderr"));
        if bless {
            std::fs::write(&expected_path, &stderr).unwrap();
        }
        let expected =
            std::fs::read_to_string(&expected_path).unwrap_or_else(|_| format!("<missing {expected_path:?}>"));
        if out.status.code() != Some(2) {
            failures.push(format!("{name}: exit status {:?}, expected 2", out.status.code()));
        }
        if !out.stdout.is_empty() {
            failures.push(format!("{name}: wrote to stdout"));
        }
        if stderr != expected {
            failures.push(format!("{name}:\n--- expected\n{expected}--- got\n{stderr}"));
        }
        if stderr.contains('\x1b') || stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            failures.push(format!("{name}: raw escape or panic in the message: {stderr:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn files_that_cannot_be_read_get_one_clear_line() {
    let cases: [(&str, &str); 2] = [
        ("does-not-exist.json", "error: does-not-exist.json: no such file\n"),
        ("bad", "error: bad: is a directory, not a timeline file\n"),
    ];
    for (arg, want) in cases {
        let out = run_on(arg);
        assert_eq!(out.status.code(), Some(2), "{arg}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), want);
    }
}

#[cfg(unix)]
#[test]
fn unreadable_devices_and_loops_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let lp = tmp.path().join("loop.json");
    std::os::unix::fs::symlink(&lp, &lp).unwrap();
    let out = bin().arg(&lp).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .ends_with("loop.json: too many levels of symbolic links (a symlink loop?)\n")
    );

    let out = bin().arg("/dev/zero").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "error: /dev/zero: is not a regular file (a device or socket?)\n");

    // Permission bits do not stop root, so only check when they apply.
    let locked = tmp.path().join("locked.json");
    std::fs::write(&locked, "{}").unwrap();
    std::os::unix::fs::PermissionsExt::set_mode(&mut std::fs::metadata(&locked).unwrap().permissions(), 0o000);
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_err() {
        let out = bin().arg(&locked).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("permission denied"));
    }
}

#[test]
fn a_size_limit_refuses_big_files_clearly() {
    let out = bin().args(["--max-size", "100", "small.json"]).current_dir(fixtures()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: small.json: the file is "), "{err}");
    assert!(err.ends_with("bytes, more than the limit of 100 bytes (raise it with --max-size)\n"), "{err}");
}

#[test]
fn good_variants_load() {
    // A UTF-8 byte-order mark is accepted. Without a terminal the app stops after loading.
    let out = run_on("good/utf8-bom.json");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: standard output is not a terminal; kz-timeline needs one to draw its screen\n"
    );
}

#[test]
fn unknown_region_and_event_arguments_are_reported() {
    let out = bin().args(["--region", "atlantis"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: --region: unknown region \"atlantis\"; `kz-timeline regions` lists"), "{err}");
    let out = bin().args(["--region", "x\u{1b}[2Jy"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: --region: unknown region \"x\u{241b}[2Jy\""), "{err}");
    let out = bin().args(["--at", "no-such-event"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "error: no event has the id \"no-such-event\"\n");
    // Close ids are suggested, as `show` does; what was typed cannot reach the terminal raw.
    let out = bin().args(["--at", "2022-01-05-almaty-akimat"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.ends_with("; did you mean 2022-01-05-almaty-akimat-stormed?\n"), "{err}");
    let out = bin().args(["--at", "x\u{1b}[2Jy"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "error: no event has the id \"x\u{241b}[2Jy\"\n");
}

#[test]
fn help_and_version() {
    let out = bin().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--region", "--at", "--mouse", "--color", "--max-size", "--version"] {
        assert!(help.contains(flag), "--help lacks {flag}");
    }
    let out = bin().arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("kz-timeline {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_fifty_megabyte_string_gives_a_short_message() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("huge.json");
    let huge = "7".repeat(50 << 20);
    let text = format!(
        r#"{{"format": "kz-timeline", "version": 1, "title": "Huge", "events": [
  {{"id": "a", "start": {{"date": "{huge}"}}, "title": "T", "summary": "S.", "sources": [{{"publisher": "P", "title": "T"}}]}}]}}"#
    );
    std::fs::write(&path, text).unwrap();
    let out = bin().arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.len() < 400, "the message quotes only the start of the value: {} bytes", err.len());
    assert!(err.contains("events[0].start.date: \"7777777777777777777777777777777777777777…\" is not a date"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_read_like_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("pipe.json");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::fs::write(fifo, "{\"format\": \"kz-timeline\", \"version\": 1, \"title\": \"x\", \"events\": [1]}")
                .unwrap()
        })
    };
    let out = bin().arg(&fifo).output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.ends_with("pipe.json:1:66: events[0]: expected an object ({ ... }), found the number 1\n"), "{err}");
}

#[test]
fn check_lists_every_problem_planted_in_the_bundled_file_even_a_missing_title() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/timeline.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let set = |v: &mut serde_json::Value, i: usize, key: &str, value: serde_json::Value| {
        v["events"][i].as_object_mut().unwrap().insert(key.into(), value);
    };
    v["events"][2].as_object_mut().unwrap().remove("title");
    set(&mut v, 4, "start", serde_json::json!({"date": "2022-02-30"}));
    set(&mut v, 6, "sorces", serde_json::json!([]));
    set(&mut v, 8, "region", serde_json::json!("narnia"));
    set(&mut v, 10, "summary", serde_json::json!(5));
    v["events"][12]["sources"][0]["url"] = serde_json::json!("ftp://example.org/a");
    set(&mut v, 14, "related", serde_json::json!(["no-such-event"]));
    set(&mut v, 16, "place", serde_json::json!({"name": "Somewhere", "lat": 95.0, "lon": 10.0}));
    v.as_object_mut().unwrap().insert("x[1]]".into(), serde_json::json!(1));
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("planted.json"), serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let out = bin().args(["check", "planted.json"]).current_dir(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    let mut lines = err.lines();
    assert_eq!(lines.next(), Some("error: planted.json: 9 problems"), "{err}");
    let mut got: Vec<String> = lines
        .map(|l| {
            // "  planted.json:LINE:COLUMN: PATH: MESSAGE"
            let rest = l.strip_prefix("  planted.json:").unwrap_or_else(|| panic!("{l}"));
            let mut parts = rest.splitn(3, ':');
            let (line, col) = (parts.next().unwrap(), parts.next().unwrap());
            assert!(line.parse::<usize>().is_ok() && col.parse::<usize>().is_ok(), "{l}");
            parts.next().unwrap().trim_start().to_string()
        })
        .collect();
    got.sort();
    let mut want = vec![
        r#"["x[1]]"]: unknown field `x[1]]` (put your own data under "extra")"#.to_string(),
        r#"events[2]: the required field "title" is missing"#.into(),
        r#"events[4].start.date: "2022-02-30" is not a real date: February 2022 has 28 days"#.into(),
        r#"events[6].sorces: unknown field `sorces` (put your own data under "extra")"#.into(),
        r#"events[8].region: unknown region "narnia""#.into(),
        "events[10].summary: expected a string, found the number 5".into(),
        r#"events[12].sources[0].url: "ftp://example.org/a" is not a web address (http:// or https://)"#.into(),
        r#"events[14].related[0]: no event has the id "no-such-event""#.into(),
        "events[16].place.lat: latitude 95 is out of range (-90 to 90)".into(),
    ];
    want.sort();
    assert_eq!(got, want, "{err}");
}

#[test]
fn check_reads_twenty_thousand_invalid_events_and_lists_the_first_thousand() {
    // Every event lacks a source: one problem each. Locating them once cost a pass over the
    // file per problem; `check` must get through all of them and say how many it did not list.
    let events: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"id": "e{i}", "start": {{"date": "2022-01-05"}}, "title": "t", "summary": "s"}}"#))
        .collect();
    let text =
        format!(r#"{{"format": "kz-timeline", "version": 1, "title": "T", "events": [{}]}}"#, events.join(",\n"));
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("all-bad.json"), text).unwrap();
    let out = bin().args(["check", "all-bad.json"]).current_dir(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1002);
    assert_eq!(lines[0], "error: all-bad.json: 20000 problems");
    assert_eq!(
        lines[1000],
        "  all-bad.json:1000:1: events[999].sources: the event has no source; add at least one (publisher, title, url, date)"
    );
    assert_eq!(lines[1001], "  … and 19000 more (only the first 1000 are listed; fix these and check again)");
}

#[test]
fn wrong_usage_gets_a_message_that_does_not_mislead() {
    let cases: [(&[&str], &str); 4] = [
        (&["--bogus"], "error: unknown option '--bogus'\n\nUsage: kz-timeline [OPTIONS] [FILE]\n"),
        (&["--notes"], "error: the app (kz-timeline without a command) has no option '--notes'; it is an option of "),
        (&["present", "--autoplay", "-5"], "error: --autoplay takes a whole number from 1 to 3600, not '-5'\n"),
        (&["-5"], "error: unknown option '-5'\n"),
    ];
    for (args, want) in cases {
        let out = bin().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(want), "{args:?}: {err}");
        assert!(!err.contains("--mouse") && !err.contains("tip:") && !err.contains("'-- "), "{args:?}: {err}");
    }
}

#[test]
fn text_that_is_not_json_is_called_that() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("nj.json"), "not json\n").unwrap();
    let out = bin().args(["check", "nj.json"]).current_dir(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: nj.json: this is not JSON (line 1, column 1): it begins with \"not json\"; a timeline file is a JSON \
         object (see docs/FORMAT.md)\n"
    );
}
