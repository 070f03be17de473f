use super::*;

#[test]
fn stems_are_safe_distinct_and_bounded() {
    assert_eq!(file_stem("d1-keynote"), "d1-keynote");
    assert_eq!(
        file_stem("../../etc/passwd"),
        "_2e_2e_2f_2e_2e_2fetc_2fpasswd"
    );
    assert_ne!(file_stem("Talk"), file_stem("talk"));
    assert_eq!(file_stem(""), "_");
    let long = "長".repeat(200);
    let stem = file_stem(&long);
    assert!(stem.len() <= MAX_STEM);
    assert_ne!(stem, file_stem(&"長".repeat(201)));
}

#[test]
fn notes_paths_stay_inside_the_conference_folder() {
    let store = Store {
        root: PathBuf::from("/data"),
        read_only: Default::default(),
    };
    let p = store.notes_path("../c", "../../x");
    assert!(p.starts_with("/data/conferences/"));
    assert_eq!(p.components().filter(|c| c.as_os_str() == "..").count(), 0);
}

#[test]
fn atomic_write_replaces_the_file_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b.json");
    write_atomic(&path, b"one").unwrap();
    write_atomic(&path, b"two").unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "two");
    let names: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(names.len(), 1);
}
