//! The rule for tests that read ../shared/data: with `ARMS_ATLAS_REQUIRE_DATA=1` a missing
//! folder fails the test and names it; without it the skip is recorded where
//! `cargo xtask test` lists it in its summary, never swallowed.

mod common;

#[test]
fn missing_data_fails_when_required_and_names_the_folder() {
    let outcome = std::panic::catch_unwind(|| {
        common::require_or_skip_as(true, "rule_required", None::<()>, || {
            "SIPRI data not found at /nowhere/sipri".to_owned()
        })
    });
    let panic = outcome.expect_err("a required data folder that is absent must fail the test");
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("ARMS_ATLAS_REQUIRE_DATA=1"), "{message}");
    assert!(message.contains("/nowhere/sipri"), "{message}");
}

#[test]
fn missing_data_is_a_recorded_skip_when_not_required() {
    let name = "rule_not_required_probe";
    let found = common::require_or_skip_as(false, name, None::<()>, || "not here".to_owned());
    assert!(found.is_none());
    let recorded = common::skips_dir().join(name);
    let why = std::fs::read_to_string(&recorded).expect("the skip is recorded for the summary");
    assert_eq!(why.trim(), "not here");
    // The probe is not a real skip: leave nothing for the summary to list.
    std::fs::remove_file(recorded).expect("remove the probe's record");
}

#[test]
fn present_data_is_returned_whatever_the_rule() {
    for required in [false, true] {
        let found =
            common::require_or_skip_as(required, "rule_present", Some(7), || unreachable!());
        assert_eq!(found, Some(7));
    }
}
