//! The example in docs/FORMAT.md must stay a valid timeline, and its sample error output must
//! match what the loader prints.

use kz_timeline::model::load::{bundled_regions, timeline_from_str};

fn example() -> String {
    let doc = include_str!("../docs/FORMAT.md");
    let start = doc.find("```json\n").expect("a json block") + "```json\n".len();
    let end = start + doc[start..].find("```").expect("end of block");
    doc[start..end].to_string()
}

#[test]
fn the_documented_example_loads() {
    let t = timeline_from_str(&example(), "FORMAT.md", bundled_regions()).unwrap();
    assert_eq!(t.events.len(), 3);
    // The month-only event sorts at the start of March, before the 1 March strike; the meeting,
    // whose time is not known, follows the strike by its order hint.
    assert_eq!(t.events[0].id, "wages-paid");
    assert_eq!(t.events[2].id, "head-teachers-meet");
    assert_eq!(t.events[2].after, Some(1));
    let strike = &t.events[1];
    assert_eq!(strike.claims.len(), 2);
    assert_eq!(strike.related, vec![0]);
    assert_eq!(strike.start.long(), "Wed 1 Mar 2023, about 09:00 (UTC+6)");
    assert_eq!(t.glossary.len(), 1);
    assert_eq!(t.glossary[0].term, "picket");
    assert_eq!(t.glossary[0].aliases, ["picket line"]);
    assert_eq!(t.source_by_id(&t.glossary[0].sources[0]).unwrap().publisher, "Northtown Gazette");
}

#[test]
fn the_documented_example_uses_every_top_level_and_glossary_field() {
    let v: serde_json::Value = serde_json::from_str(&example()).unwrap();
    let schema: serde_json::Value = serde_json::from_str(include_str!("../assets/timeline.schema.json")).unwrap();
    for f in schema["properties"].as_object().unwrap().keys() {
        // `converted_from` is written by `kz-timeline convert` (documented in the table): a
        // hand-written file, like the example, does not carry it.
        assert!(f == "converted_from" || v.get(f).is_some(), "the example does not show the top-level `{f}`");
    }
    let entry = &v["glossary"][0];
    for f in schema["$defs"]["GlossaryEntry"]["properties"].as_object().unwrap().keys() {
        // `extra` is shown on events (every kind of entry takes it the same way).
        assert!(f == "extra" || entry.get(f).is_some(), "the example glossary entry does not show `{f}`");
    }
}

#[test]
fn the_documented_example_uses_every_event_field() {
    let v: serde_json::Value = serde_json::from_str(&example()).unwrap();
    let schema: serde_json::Value = serde_json::from_str(include_str!("../assets/timeline.schema.json")).unwrap();
    let fields: Vec<&String> = schema["$defs"]["EventEntry"]["properties"].as_object().unwrap().keys().collect();
    let events = v["events"].as_array().unwrap();
    for f in fields {
        assert!(events.iter().any(|e| e.get(f).is_some()), "the example does not show `{f}`");
    }
}
