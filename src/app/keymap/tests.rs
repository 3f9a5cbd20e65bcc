use super::*;

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn keys_resolve_per_context() {
    let down = press(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(action_for_key(Ctx::List, &down), Some(Action::Down));
    // In a filter popup, letters narrow the list; the arrows move.
    assert_eq!(action_for_key(Ctx::Picker, &down), Some(Action::Insert('j')));
    assert_eq!(action_for_key(Ctx::Picker, &press(KeyCode::Down, KeyModifiers::NONE)), Some(Action::Down));
    assert_eq!(action_for_key(Ctx::Picker, &press(KeyCode::Char(' '), KeyModifiers::NONE)), Some(Action::Toggle));
    assert_eq!(
        action_for_key(Ctx::Picker, &press(KeyCode::Char('x'), KeyModifiers::CONTROL)),
        Some(Action::ClearFilters)
    );
    let esc = press(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(action_for_key(Ctx::List, &esc), None);
    assert_eq!(action_for_key(Ctx::Detail, &esc), Some(Action::Back));
    let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(action_for_key(Ctx::List, &big_g), Some(Action::Last));
    let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for ctx in Ctx::ALL {
        assert_eq!(action_for_key(ctx, &ctrl_c), Some(Action::Quit), "{ctx:?}");
    }
    // In a prompt, letters are text, not commands.
    assert_eq!(action_for_key(Ctx::Prompt, &press(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Action::Insert('q')));
    assert_eq!(action_for_key(Ctx::Jump, &press(KeyCode::Char('J'), KeyModifiers::SHIFT)), Some(Action::Insert('J')));
    assert_eq!(
        action_for_key(Ctx::Prompt, &press(KeyCode::Char('w'), KeyModifiers::CONTROL)),
        Some(Action::DeleteWord)
    );
    assert_eq!(action_for_key(Ctx::List, &press(KeyCode::Char('c'), KeyModifiers::NONE)), Some(Action::ClearFilters));
    assert_eq!(action_for_key(Ctx::List, &press(KeyCode::Char('D'), KeyModifiers::CONTROL)), Some(Action::PageDown));
}

#[test]
fn presentation_keys_win_over_typing_digits() {
    let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(action_for_key(Ctx::Present, &q), Some(Action::Back), "q closes the presentation");
    let a = press(KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(action_for_key(Ctx::Present, &a), Some(Action::ToggleAutoplay));
    let seven = press(KeyCode::Char('7'), KeyModifiers::NONE);
    assert_eq!(action_for_key(Ctx::Present, &seven), Some(Action::Insert('7')));
}

#[test]
fn releases_are_ignored() {
    let mut ev = press(KeyCode::Char('q'), KeyModifiers::NONE);
    ev.kind = KeyEventKind::Release;
    assert_eq!(action_for_key(Ctx::List, &ev), None);
}

#[test]
fn no_key_is_bound_twice_in_one_context() {
    for ctx in Ctx::ALL {
        let keys: Vec<Key> = bindings(ctx).flat_map(|b| b.keys.iter().copied()).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{ctx:?}: {} bound twice", k.label());
        }
    }
}

#[test]
fn help_lists_every_binding_once() {
    let sections = help_sections();
    let n: usize = sections.iter().map(|(_, v)| v.len()).sum();
    assert_eq!(n, KEYMAP.len());
    let titles: Vec<&str> = sections.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        titles,
        [
            "Event list",
            "Detail pane",
            "Map pane",
            "Event list, detail pane and map",
            "Presentation",
            "Everywhere but popups",
            "Detail pane and map",
            "Quiz",
            "Figures over time",
            "Filter popups (regions, topics, actors)",
            "Related events (Enter in the detail pane)",
            "Glossary (d)",
            "Search and date prompts",
            "Jump to an event",
            "This help",
            "When the terminal is too small",
            "Anywhere"
        ]
    );
}

#[test]
fn footer_groups_related_keys() {
    let pairs = |ctx| footer_hints(ctx).into_iter().map(|h| (h.keys, h.label)).collect::<Vec<_>>();
    let hints = pairs(Ctx::List);
    assert_eq!(hints[0], ("↑↓".to_string(), "move"));
    assert!(hints.contains(&("Enter".to_string(), "read")));
    assert!(hints.contains(&("?".to_string(), "help")));
    assert!(pairs(Ctx::Picker).contains(&("Space".to_string(), "tick")));
    assert_eq!(pairs(Ctx::Quiz)[0], ("1-4".to_string(), "answer"));
    assert!(pairs(Ctx::Detail).contains(&("Esc/q".to_string(), "back")), "{:?}", pairs(Ctx::Detail));
}

#[test]
fn q_quits_only_from_the_list_and_closes_everything_else() {
    let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(action_for_key(Ctx::List, &q), Some(Action::Quit));
    assert_eq!(action_for_key(Ctx::TooSmall, &q), Some(Action::Quit));
    for ctx in [Ctx::Detail, Ctx::Map, Ctx::Present, Ctx::Figures, Ctx::Help, Ctx::Quiz] {
        assert_eq!(action_for_key(ctx, &q), Some(Action::Back), "{ctx:?}");
    }
}

#[test]
fn too_small_binds_nothing_but_quit_redraw_and_suspend() {
    let actions: Vec<Action> = bindings(Ctx::TooSmall).map(|b| b.action).collect();
    assert!(actions.iter().all(|a| matches!(a, Action::Quit | Action::Redraw | Action::Suspend)), "{actions:?}");
    for c in ['j', 'r', '?', '/', 'p'] {
        assert_eq!(action_for_key(Ctx::TooSmall, &press(KeyCode::Char(c), KeyModifiers::NONE)), None, "{c}");
    }
}

#[test]
fn a_russian_or_kazakh_layout_works_the_same_keys_except_where_text_is_typed() {
    let key = |c: char| press(KeyCode::Char(c), KeyModifiers::NONE);
    // The keys of j, k, q and / ... on a Russian or Kazakh layout type о, л, й.
    assert_eq!(action_for_key(Ctx::List, &key('о')), action_for_key(Ctx::List, &key('j')));
    assert_eq!(action_for_key(Ctx::List, &key('л')), action_for_key(Ctx::List, &key('k')));
    assert_eq!(action_for_key(Ctx::List, &key('й')), Some(Action::Quit));
    let shift_g = press(KeyCode::Char('П'), KeyModifiers::SHIFT);
    assert_eq!(action_for_key(Ctx::List, &shift_g), Some(Action::Last));
    // Ctrl-c on the key of c, with the layout on.
    assert_eq!(action_for_key(Ctx::List, &press(KeyCode::Char('с'), KeyModifiers::CONTROL)), Some(Action::Quit));
    // The quiz's letters a-d (ф и с в), and the Kazakh layout's digit row (ә is on 2).
    assert_eq!(action_for_key(Ctx::Quiz, &key('ф')), action_for_key(Ctx::Quiz, &key('a')));
    assert_eq!(action_for_key(Ctx::Quiz, &key('в')), action_for_key(Ctx::Quiz, &key('d')));
    assert_eq!(action_for_key(Ctx::Quiz, &key('ә')), action_for_key(Ctx::Quiz, &key('2')));
    assert!(action_for_key(Ctx::Quiz, &key('ә')).is_some());
    // Where text is typed, Cyrillic is text.
    for ctx in [Ctx::Prompt, Ctx::Picker, Ctx::Jump] {
        assert_eq!(action_for_key(ctx, &key('о')), Some(Action::Insert('о')), "{ctx:?}");
    }
    // A character of no layout here is still nothing.
    assert_eq!(action_for_key(Ctx::List, &key('ж')), action_for_key(Ctx::List, &key(';')));
    assert_eq!(action_for_key(Ctx::List, &key('λ')), None);
}
