//! Structure-aware: two SIPRI-shaped files (see `shapes.rs`) through the `user_import`
//! invariants of `crates/atlas-core/tests/common/checks.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../../crates/atlas-core/tests/common/checks.rs"]
mod checks;
mod shapes;

libfuzzer_sys::fuzz_target!(|files: (shapes::File, shapes::File)| {
    let mut bytes = files.0.render();
    bytes.extend_from_slice(checks::FILE_SEPARATOR);
    bytes.extend_from_slice(&files.1.render());
    checks::user_import(&bytes);
});
