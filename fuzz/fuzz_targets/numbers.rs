//! The number parser: spans inside the text and matching it, values that are numbers.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        neardup_fuzz::numbers(text);
    }
});
