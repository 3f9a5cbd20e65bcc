use std::fs;

use super::*;

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn snap(marks: &[&str], last: Option<&str>) -> Snapshot {
    Snapshot { marks: ids(marks), last: last.map(str::to_string) }
}

fn saved_at(path: &Path) -> Saved {
    match read(path) {
        Found::Saved(s) => s,
        other => panic!("{other:?}"),
    }
}

/// Open like the app: restore the marks the file has, make them the base.
fn open(path: &Path, writes_last: bool) -> (Session, Opened) {
    let (mut s, o) = Session::open(path.to_path_buf(), "bundled", writes_last);
    s.set_base(o.saved.as_ref().map_or(&[][..], |s| &s.marks));
    (s, o)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    v.sort();
    v
}

#[test]
fn a_newer_versions_file_is_left_untouched_and_the_notice_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundled.json");
    let newer = "{\"format\": \"kz-timeline-state\", \"version\": 999, \"marks\": {\"a\": 1}}\n";
    fs::write(&path, newer).unwrap();
    let (mut s, opened) = open(&path, true);
    assert_eq!(opened.saved, None);
    let notice = opened.notice.unwrap();
    assert!(notice.contains("won't be saved") && notice.contains("newer version (999)"), "{notice}");
    assert!(notice.chars().count() <= NOTICE_WIDTH, "{notice}");
    let err = s.sync(&snap(&["e1"], Some("e1"))).unwrap_err();
    assert_eq!(err.notice, notice);
    assert!(err.warning.contains("state version 999"), "{}", err.warning);
    assert_eq!(fs::read_to_string(&path).unwrap(), newer, "left exactly as it was");
    assert_eq!(names_in(dir.path()), ["bundled.json"], "nothing else written either");
}

#[test]
fn an_unreadable_file_is_moved_aside_before_anything_is_written() {
    for bad in [
        "{\"format\": \"kz-timeline-state\", \"version\": 1, \"timeline\": \"bundled\", \"mar",
        "\0\0\0\0\0\0",
        "{\"format\": \"kz-timeline-state\", \"version\": 1, \"timeline\": \"bundled\", \"marks\": \"a\"}",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bundled.json");
        fs::write(&path, bad).unwrap();
        let (mut s, opened) = open(&path, true);
        assert_eq!(opened.saved, None);
        let names = names_in(dir.path());
        let kept = names.iter().find(|n| n.starts_with("bundled.json.unreadable-")).expect("moved aside");
        assert_eq!(fs::read_to_string(dir.path().join(kept)).unwrap(), bad, "its content is kept");
        let notice = opened.notice.unwrap();
        assert!(notice.contains(kept.as_str()), "the notice names it: {notice}");
        assert!(notice.chars().count() <= NOTICE_WIDTH, "{notice}");
        // The next save starts a fresh file beside it.
        assert_eq!(s.sync(&snap(&["e1"], None)), Ok(Outcome::Written { moved_aside: None }));
        assert_eq!(saved_at(&path).marks, ["e1"]);
        assert!(dir.path().join(kept).exists());
        let warnings = s.warnings.join("\n");
        assert!(warnings.contains("could not be read") && warnings.contains(kept.as_str()), "{warnings}");
    }
}

#[test]
fn a_file_broken_while_running_is_moved_aside_at_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundled.json");
    let (mut s, _) = open(&path, true);
    s.sync(&snap(&["a"], Some("a"))).unwrap();
    fs::write(&path, "garbage").unwrap();
    let Ok(Outcome::Written { moved_aside: Some(kept) }) = s.sync(&snap(&["a", "b"], Some("b"))) else { panic!() };
    assert_eq!(fs::read_to_string(&kept).unwrap(), "garbage");
    assert_eq!(saved_at(&path).marks, ["b"], "the broken file's marks are unknown; this run's change is saved");
}

#[test]
fn two_instances_merge_their_changes_and_removals_stay_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundled.json");
    write(&path, &Saved::new("bundled", ids(&["old", "gone-event"]), Some("old".into()))).unwrap();
    let (mut a, _) = open(&path, true);
    let (mut b, _) = open(&path, false);
    // A marks x; B marks y: both are kept.
    a.sync(&snap(&["old", "gone-event", "x"], Some("x"))).unwrap();
    b.sync(&snap(&["old", "gone-event", "y"], None)).unwrap();
    assert_eq!(saved_at(&path).marks, ["old", "gone-event", "x", "y"]);
    // A removes "old"; B, which still shows it, saves another change: "old" stays removed.
    a.sync(&snap(&["gone-event", "x"], Some("x"))).unwrap();
    b.sync(&snap(&["old", "gone-event", "y", "z"], None)).unwrap();
    assert_eq!(saved_at(&path).marks, ["gone-event", "x", "y", "z"]);
    // Only the explorer moves `last`.
    assert_eq!(saved_at(&path).last.as_deref(), Some("x"));
    // B unmarks y: only that goes; A's x stays though B never showed it.
    b.sync(&snap(&["old", "gone-event", "z"], None)).unwrap();
    assert_eq!(saved_at(&path).marks, ["gone-event", "x", "z"], "y removed by B, x of A kept");
}

#[test]
fn marks_of_events_this_timeline_lacks_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundled.json");
    write(&path, &Saved::new("bundled", ids(&["removed-from-the-file", "a"]), None)).unwrap();
    let (mut s, _) = Session::open(path.clone(), "bundled", true);
    // The app knows only "a" (the other id is not in the timeline any more).
    s.set_base(&ids(&["a"]));
    s.sync(&snap(&["a", "b"], Some("b"))).unwrap();
    assert_eq!(saved_at(&path).marks, ["removed-from-the-file", "a", "b"]);
}

#[test]
fn nothing_is_written_when_nothing_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kz-timeline/bundled.json");
    // A quiz or a presentation without marks: no file, not even the directory.
    let (mut s, _) = open(&path, false);
    assert_eq!(s.sync(&snap(&[], Some("somewhere"))), Ok(Outcome::Unchanged));
    assert!(!dir.path().join("kz-timeline").exists());
    // The presentation keeps the explorer's `last`.
    write(&path, &Saved::new("bundled", ids(&["a"]), Some("explorer-was-here".into()))).unwrap();
    let (mut s, _) = open(&path, false);
    assert_eq!(s.sync(&snap(&["a"], Some("slide-3"))), Ok(Outcome::Unchanged));
    s.sync(&snap(&["a", "b"], Some("slide-3"))).unwrap();
    assert_eq!(saved_at(&path), Saved::new("bundled", ids(&["a", "b"]), Some("explorer-was-here".into())));
}

#[test]
fn an_unwritable_state_directory_is_reported_at_the_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    fs::write(&file, "x").unwrap();
    // XDG_STATE_HOME pointing at a file: reading already fails, and saving is refused.
    let path = file.join("kz-timeline/bundled.json");
    let (mut s, opened) = open(&path, true);
    let notice = opened.notice.unwrap();
    assert!(notice.starts_with("Marks can't be saved: ") && notice.ends_with(": not a directory."), "{notice}");
    assert!(notice.chars().count() <= NOTICE_WIDTH, "{notice}");
    let err = s.sync(&snap(&["a"], None)).unwrap_err();
    assert!(err.notice.contains("bundled.json"), "{}", err.notice);
    // The state directory's place taken by a file after the start: saving fails.
    let path = dir.path().join("kz-timeline/bundled.json");
    let (mut s, opened) = open(&path, true);
    assert_eq!(opened.notice, None);
    fs::write(dir.path().join("kz-timeline"), "x").unwrap();
    let err = s.sync(&snap(&["a"], None)).unwrap_err();
    assert!(err.notice.starts_with("Marks can't be saved to "), "{}", err.notice);
    assert!(err.notice.chars().count() <= NOTICE_WIDTH, "{}", err.notice);
    assert!(err.warning.contains("could not save marks to"), "{}", err.warning);
}

#[test]
fn long_paths_are_shortened_in_notices() {
    let long = format!("/{}/kz-timeline/bundled.json", "very-long-directory-name/".repeat(8));
    let n = fit_notice("Marks can't be saved to {}: not a directory.", Path::new(&long));
    assert_eq!(n.chars().count(), NOTICE_WIDTH, "{n}");
    assert!(n.contains("…") && n.contains("kz-timeline/bundled.json:"), "{n}");
}

#[test]
fn the_saver_reports_a_problem_once_then_warns_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f");
    fs::write(&file, "x").unwrap();
    let (s, _) = open(&file.join("kz-timeline/bundled.json"), true);
    let (tx, rx) = mpsc::channel();
    let saver = Saver::spawn(s, Box::new(move |n| tx.send(n).unwrap()));
    saver.save(snap(&["a"], None));
    let first = rx.recv_timeout(std::time::Duration::from_secs(20)).expect("a notice for the first failure");
    assert!(first.starts_with("Marks can't be saved: "), "{first}");
    saver.save(snap(&["a", "b"], None));
    let warnings = saver.finish(Some(snap(&["a", "b"], Some("b"))));
    let more: Vec<String> = rx.try_iter().collect();
    assert!(more.is_empty(), "the same problem is told once: {more:?}");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("cannot be read (not a directory)"), "{warnings:?}");
}

#[test]
fn the_saver_writes_the_last_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundled.json");
    let (s, _) = open(&path, true);
    let saver = Saver::spawn(s, Box::new(|n| panic!("unexpected notice {n}")));
    for i in 0..20 {
        let marks: Vec<String> = (0..=i).map(|k| format!("e{k}")).collect();
        saver.save(Snapshot { marks, last: None });
    }
    assert!(saver.finish(Some(snap(&["e3"], Some("e3")))).is_empty());
    assert_eq!(saved_at(&path), Saved::new("bundled", ids(&["e3"]), Some("e3".into())));
}

/// Two real processes (this test binary run again, see `helper`) mark and unmark at the same
/// time, each saving after every change: the lock keeps every change of both.
#[test]
fn two_processes_marking_at_once_lose_nothing() {
    if let Some(role) = std::env::var_os("KZ_STATE_HELPER") {
        return helper(role.to_str().unwrap(), Path::new(&std::env::var_os("KZ_STATE_PATH").unwrap()));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kz-timeline/bundled.json");
    write(&path, &Saved::new("bundled", ids(&["shared-a", "shared-b", "keep"]), None)).unwrap();
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = ["a", "b"]
        .iter()
        .map(|role| {
            std::process::Command::new(&exe)
                .args(["--exact", "state_file::sync::tests::two_processes_marking_at_once_lose_nothing", "--nocapture"])
                .env("KZ_STATE_HELPER", role)
                .env("KZ_STATE_PATH", &path)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    fs::write(dir.path().join("go"), "").unwrap();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let mut expected: Vec<String> = vec!["keep".into()];
    for role in ["a", "b"] {
        expected.extend(helper_marks(role));
    }
    let mut got = saved_at(&path).marks;
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    assert_eq!(names_in(&dir.path().join("kz-timeline")), ["bundled.json", "bundled.json.lock"]);
}

const HELPER_STEPS: usize = 60;

/// What helper `role` has marked at the end: its own marks, but every third one unmarked again.
fn helper_marks(role: &str) -> Vec<String> {
    (0..HELPER_STEPS).filter(|i| i % 3 != 1).map(|i| format!("{role}-{i}")).collect()
}

fn helper(role: &str, path: &Path) {
    let go = path.parent().unwrap().parent().unwrap().join("go");
    while !go.exists() {
        thread::sleep(std::time::Duration::from_millis(1));
    }
    let (mut s, opened) = Session::open(path.to_path_buf(), "bundled", role == "a");
    let mut marks = opened.saved.unwrap().marks;
    s.set_base(&marks);
    // Each removes one mark both started with.
    marks.retain(|m| m != &format!("shared-{role}"));
    for i in 0..HELPER_STEPS {
        marks.push(format!("{role}-{i}"));
        s.sync(&Snapshot { marks: marks.clone(), last: Some(format!("{role}-{i}")) }).unwrap();
        if i % 3 == 2 {
            let unmark = format!("{role}-{}", i - 1);
            marks.retain(|m| *m != unmark);
            s.sync(&Snapshot { marks: marks.clone(), last: None }).unwrap();
        }
    }
}
