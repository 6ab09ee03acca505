//! Gzip input: the bytes compressed and cut at a point the input chooses, and the raw bytes
//! behind the gzip magic; the format is sniffed from what comes out.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    neardup_fuzz::read_gzip(data);
});
