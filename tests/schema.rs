//! The published JSON Schemas in `assets/` must match the Rust types that define the format.
//! After changing the format, regenerate them with `UPDATE_SCHEMAS=1 cargo test --test schema`
//! and review the diff.

use std::path::Path;

use kz_timeline::model::load::native::schemas;

#[test]
fn committed_schemas_match_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for (name, generated) in schemas() {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, &generated).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != generated {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {stale:?}; run `UPDATE_SCHEMAS=1 cargo test --test schema` and review the diff"
    );
}

#[test]
fn schemas_describe_the_format_markers_and_forbid_unknown_fields() {
    let (_, timeline) = &schemas()[0];
    let v: serde_json::Value = serde_json::from_str(timeline).unwrap();
    assert_eq!(v["additionalProperties"], false);
    for field in ["format", "version", "title", "events"] {
        assert!(v["required"].as_array().unwrap().iter().any(|f| f == field), "{field} not required");
    }
    assert_eq!(v["$defs"]["EventEntry"]["additionalProperties"], false);
    assert!(v["$defs"]["EventEntry"]["properties"]["extra"].is_object());
}
