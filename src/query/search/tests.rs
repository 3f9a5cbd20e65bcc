use super::*;
use crate::model::load::{bundled_regions, timeline_from_str};

fn timeline() -> Timeline {
    let ev = |id: &str, title: &str, summary: &str, region: &str| {
        format!(
            r#"{{"id": "{id}", "start": {{"date": "2022-01-05"}}, "title": "{title}", "summary": "{summary}",
            "region": "{region}", "sources": [{{"publisher": "RFE/RL", "title": "t"}}]}}"#
        )
    };
    let events = [
        ev("a", "Tokayev asks the CSTO for help", "The president speaks on television.", "nationwide"),
        ev("b", "Protest in Zhanaozen", "Residents block a road over the LPG price.", "mangystau"),
        ev("c", "Тоқаев сөйледі", "Президент теледидарда сөйледі.", "nationwide"),
        ev("d", "Akimat burns", "The city hall in Almaty is set on fire.", "almaty"),
    ];
    let text = format!(r#"{{"format": "kz-timeline", "version": 1, "title": "T", "events": [{}]}}"#, events.join(","));
    timeline_from_str(&text, "t", bundled_regions()).unwrap()
}

fn ids(t: &Timeline, index: &Index, q: &str) -> Vec<String> {
    let q = Query::parse(q, &index.dictionary);
    q.filter(index, t, 0..t.events.len()).into_iter().map(|i| t.events[i].id.clone()).collect()
}

fn index(t: &Timeline) -> Index {
    let names = vec![vec!["CSTO".to_string(), "ODKB".into(), "ОДКБ".into()]];
    Index::build(t, Dictionary::for_timeline(t, &names))
}

#[test]
fn spellings_and_scripts_find_the_same_events() {
    let t = timeline();
    let ix = index(&t);
    for q in ["tokayev", "toqaev", "Тоқаев", "токаев", "TOKAEV", "TOKAYEV", "ТОҚАЕВ", "tOKAYEV"] {
        assert_eq!(ids(&t, &ix, q), ["a", "c"], "{q}: case never matters");
    }
    for q in ["zhanaozen", "janaozen", "Жаңаөзен"] {
        assert_eq!(ids(&t, &ix, q), ["b"], "{q}");
    }
}

#[test]
fn dictionary_names_expand() {
    let t = timeline();
    let ix = index(&t);
    assert_eq!(ids(&t, &ix, "odkb"), ["a"]);
    assert_eq!(ids(&t, &ix, "ОДКБ"), ["a"]);
    assert_eq!(ids(&t, &ix, "Odkb"), ["a"]);
    assert_eq!(ids(&t, &ix, "ODKB"), ["a"], "capitals find dictionary expansions too");
    // A region's alias finds events in that region.
    assert_eq!(ids(&t, &ix, "mangistau"), ["b"]);
}

#[test]
fn words_must_all_match_in_any_case() {
    let t = timeline();
    let ix = index(&t);
    assert_eq!(ids(&t, &ix, "city fire"), ["d"]);
    assert_eq!(ids(&t, &ix, "city protest"), Vec::<String>::new());
    assert_eq!(ids(&t, &ix, "akimat"), ["d"]);
    assert_eq!(ids(&t, &ix, "Akimat"), ["d"]);
    assert_eq!(ids(&t, &ix, "AKIMAT"), ["d"], "no smart case: capitals match lower case");
    assert_eq!(ids(&t, &ix, "CITY FIRE"), ["d"]);
    assert_eq!(ids(&t, &ix, "rfe/rl").len(), 4, "source publishers are searched");
}

#[test]
fn highlights_map_back_to_the_original_text() {
    let dict = Dictionary::default();
    let q = Query::parse("zhanaozen road", &dict);
    assert_eq!(q.highlights("Protest in Жаңаөзен on the road"), vec![11..19, 27..31]);
    let q = Query::parse("tokayev", &dict);
    assert_eq!(q.highlights("Toqaev, Tokayev"), vec![0..6, 8..15]);
    let q = Query::parse("TOKAYEV", &dict);
    assert_eq!(q.highlights("Toqaev, Tokayev"), vec![0..6, 8..15], "capitals highlight lower case");
}

#[test]
fn typing_more_narrows() {
    let dict = Dictionary::default();
    let a = Query::parse("zhan", &dict);
    let b = Query::parse("zhanao", &dict);
    assert!(b.narrows(&a));
    assert!(!a.narrows(&b));
    let c = Query::parse("zhanao road", &dict);
    assert!(c.narrows(&b));
    // Case does not change what matches, so a capital typed still narrows.
    assert!(Query::parse("Zhanao", &dict).narrows(&a));
}

#[test]
fn scanning_the_index_finds_what_checking_each_event_finds() {
    let t = crate::model::load::bundled_timeline().unwrap();
    let names = crate::model::load::bundled_name_groups();
    // Small chunks, so that scans cross chunk boundaries and run on several threads.
    let parts = t
        .events
        .chunks(7)
        .enumerate()
        .map(|(k, e)| (k * 7, FoldedEvents::fold(e, &t.regions, &t.categories)))
        .collect();
    let index = Index::from_parts(parts, t.events.len(), None, Dictionary::for_timeline(&t, &names));
    let all: Vec<EventIx> = (0..t.events.len()).collect();
    let some: Vec<EventIx> = all.iter().copied().filter(|i| i % 3 != 1).collect();
    for raw in
        ["t", "to", "tokayev", "Tokayev", "zhanaozen", "ODKB", "almaty police", "e", "nothing-like-this", "a b c"]
    {
        let q = Query::parse(raw, &index.dictionary);
        let each = q.filter(&index, &t, all.iter().copied());
        assert_eq!(q.scan(&index, &t), each, "{raw}");
        assert_eq!(q.matching(&index, &t, &all), each, "{raw}");
        let each_some = q.filter(&index, &t, some.iter().copied());
        assert_eq!(q.matching(&index, &t, &some), each_some, "{raw}");
    }
    // Built in one go, with the same haystacks.
    let whole = Index::build(&t, index.dictionary.clone());
    for ix in 0..t.events.len() {
        assert_eq!(whole.haystack(ix), index.haystack(ix));
    }
}
