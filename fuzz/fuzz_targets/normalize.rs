//! The normalizer: every span of the normalized text maps back inside the original.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        neardup_fuzz::normalize_spans(text);
    }
});
