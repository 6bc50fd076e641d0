//! Structure-aware: a SIPRI-shaped file (see `shapes.rs`) through the `sipri_import`
//! invariants of `crates/atlas-core/tests/common/checks.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../../crates/atlas-core/tests/common/checks.rs"]
mod checks;
mod shapes;

libfuzzer_sys::fuzz_target!(|file: shapes::File| {
    checks::sipri_import(&file.render());
});
