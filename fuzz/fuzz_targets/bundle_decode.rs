//! See `atlas_core::checks::bundle_decode` for the invariants.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    atlas_core::checks::bundle_decode(data);
});
