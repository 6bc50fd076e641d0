//! See `url_query` in `crates/atlas-core/tests/common/checks.rs` for the invariants. The
//! dataset is the committed bundled subset, so that names resolve and the round trip is
//! exercised.
#![no_main]

// Each target uses one of the checks; the file holds all four.
#[allow(dead_code)]
#[path = "../../crates/atlas-core/tests/common/checks.rs"]
mod checks;

use std::sync::OnceLock;

use atlas_core::model::Dataset;
use atlas_core::store::bundle::decode as decode_bundle;

fn dataset() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| match decode_bundle(include_bytes!("../../assets/sea.atlas")) {
        Ok(b) => b.dataset,
        Err(e) => panic!("assets/sea.atlas does not decode: {e}"),
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::url_query(data, dataset());
});
