//! Writes the large benchmark data set (4 days, 2,000 sessions, 200 with notes, 10,000 bullets in
//! the largest) into a data directory, for `benches/pty.sh`:
//! `cargo run --release --example bench_data -- DIR [NOTES_FILES]` (20 to 2,000 notes files for
//! the startup comparison; 200 by default).

#[path = "../benches/common/data.rs"]
mod data;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args_os()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: bench_data DATA_DIR"))?;
    let count = match std::env::args().nth(2) {
        Some(n) => n.parse()?,
        None => data::WITH_NOTES,
    };
    let store = kaigi::storage::Store::open(Some(dir.into()))?;
    data::write(&store, count)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::data::*;

    #[test]
    fn the_data_set_has_the_documented_size() {
        let c = conference();
        assert_eq!(c.sessions().len(), SESSIONS);
        assert_eq!(c.days().len(), DAYS);
        let n = notes(&c);
        assert_eq!(n.len(), WITH_NOTES);
        assert_eq!(n[LARGEST_SESSION].len(), LARGEST);
        assert!(n[LARGEST_SESSION].is_well_formed());
        assert_eq!(
            n[LARGEST_SESSION].bullets().iter().map(|b| b.depth).max(),
            Some(5)
        );
    }
}
