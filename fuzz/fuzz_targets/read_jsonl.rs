//! The jsonl reader: titles and pairs from any bytes, never a panic, every error on a real line.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    neardup_fuzz::read_everything(data, Some(neardup::read::InputFormat::Jsonl));
});
