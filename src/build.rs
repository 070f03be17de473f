//! Links the kaigi binary as a position-dependent executable: a PIE has its 1.5 MB of tables
//! holding pointers (most of it the time-zone database) patched by the loader at every start,
//! 60,000 relocations that cost startup time and dirty the pages, 2.7 MB of resident memory in
//! all (docs/benchmarks.md). The libraries, heap and stack are still placed at random.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=src/build.rs");
}
