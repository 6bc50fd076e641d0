//! See `user_import` in `crates/atlas-core/tests/common/checks.rs` for the invariants.
#![no_main]

// Each target uses one of the checks; the file holds all four.
#[allow(dead_code)]
#[path = "../../crates/atlas-core/tests/common/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::user_import(data);
});
