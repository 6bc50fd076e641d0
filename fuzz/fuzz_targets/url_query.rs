//! See `atlas_core::checks::url_query` for the invariants. The dataset is the committed
//! bundled subset, so that names resolve and the round trip is exercised.
#![no_main]

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
    atlas_core::checks::url_query(data, dataset());
});
