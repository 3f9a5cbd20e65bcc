//! The README must stay true: its key tables are generated from the keymap (regenerate with
//! `UPDATE_README=1 cargo test --test readme`), and it gives the two set-up commands that CI uses.

use std::path::Path;

const START: &str = "<!-- keys:start";
const END: &str = "<!-- keys:end -->";

#[test]
fn keys_tables_match_the_keymap() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(START).expect("keys start marker");
    let body_start = start + readme[start..].find('\n').unwrap() + 1;
    let end = readme.find(END).expect("keys end marker");
    let generated = kz_timeline::app::keymap::markdown();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..body_start], generated, &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        readme[body_start..end] == generated,
        "README key tables are out of date: run `UPDATE_README=1 cargo test --test readme`"
    );
}

#[test]
fn readme_gives_the_two_commands_and_ci_runs_the_test_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("`cargo run --release`"));
    assert!(readme.contains("`cargo test`"));
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    assert!(ci.lines().any(|l| l.trim_start().starts_with("cargo test")), ".ci/run must run cargo test");
}

#[test]
fn event_ids_in_the_readme_exist() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let t = kz_timeline::model::load::bundled_timeline().unwrap();
    let mut seen = 0;
    for (i, _) in readme.match_indices("--at ").chain(readme.match_indices("kz-timeline show ")) {
        let after = &readme[i..];
        let arg = after.split_whitespace().nth(if after.starts_with("--at") { 1 } else { 2 }).unwrap();
        if arg.starts_with("20") {
            assert!(t.event_by_id(arg).is_some(), "README names an event that does not exist: {arg}");
            seen += 1;
        }
    }
    assert!(seen >= 2, "the README's examples with event ids were not found");
}
