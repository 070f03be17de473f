//! The interface's catalogues (`assets/locales/<lang>.toml`): both languages hold the same
//! message ids with the same placeholders, and every id the code looks up is there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every message of language `lang`, by id, from every catalogue file of that language.
fn catalogue(lang: &str) -> BTreeMap<String, String> {
    fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
        for (k, v) in table {
            let id = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::String(s) => {
                    out.insert(id, s.clone());
                }
                toml::Value::Table(t) => flatten(&id, t, out),
                other => panic!("{id}: not a message: {other:?}"),
            }
        }
    }
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("assets/locales")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if stem.rsplit('.').next() != Some(lang) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        flatten("", &table, &mut out);
    }
    out
}

fn placeholders(s: &str) -> BTreeSet<&str> {
    s.match_indices("%{")
        .filter_map(|(i, _)| s[i + 2..].split_once('}').map(|(name, _)| name))
        .collect()
}

#[test]
fn both_languages_hold_the_same_ids_with_the_same_placeholders() {
    let en = catalogue("en");
    let ja = catalogue("ja");
    assert!(en.len() > 100, "{} English messages", en.len());
    let only_en: Vec<_> = en.keys().filter(|k| !ja.contains_key(*k)).collect();
    let only_ja: Vec<_> = ja.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "not in ja.toml: {only_en:?}");
    assert!(only_ja.is_empty(), "not in en.toml: {only_ja:?}");
    for (id, text) in &en {
        assert_eq!(
            placeholders(text),
            placeholders(&ja[id]),
            "{id}: the two languages fill in different values"
        );
        assert!(!ja[id].trim().is_empty(), "{id} is empty in ja.toml");
    }
}

/// Every `t!("id"…)` in the code names a message of the catalogue (a missing one would show
/// its id on the screen).
#[test]
fn every_id_the_code_looks_up_is_in_the_catalogue() {
    fn walk(dir: &Path, found: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, _) in text.match_indices("t!(") {
                    // `format!(`, `print!(`…: only `t!(` on its own is a lookup.
                    let before = text[..i].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = text[i + 3..].trim_start();
                    if let Some(rest) = rest.strip_prefix('"') {
                        let id = rest.split('"').next().unwrap().to_string();
                        found.push((path.display().to_string(), id));
                    }
                }
            }
        }
    }
    let en = catalogue("en");
    let mut used = Vec::new();
    walk(&Path::new(ROOT).join("src"), &mut used);
    let missing: Vec<_> = used.iter().filter(|(_, id)| !en.contains_key(id)).collect();
    assert!(missing.is_empty(), "ids not in the catalogue: {missing:?}");
}
