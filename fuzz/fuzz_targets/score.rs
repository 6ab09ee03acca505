//! The scorer: every score in 0..=1, and the same both ways round.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some((left, right)) = neardup_fuzz::two_titles(data) {
        neardup_fuzz::scores_in_range_and_symmetric(left, right);
    }
});
