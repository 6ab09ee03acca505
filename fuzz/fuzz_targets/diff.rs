//! The word diff: its runs rebuild both titles.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some((left, right)) = neardup_fuzz::two_titles(data) {
        neardup_fuzz::diff_rebuilds(left, right);
    }
});
