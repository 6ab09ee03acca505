//! Read inputs with the library's title readers and count what they yield: records, errors,
//! and records with a time (a feed date): a reader's cost alone, without a scan, for
//! measuring it on a large input (`hyperfine`, `valgrind --tool=cachegrind`):
//! `cargo run --release --example read_titles -- FILE...`.

use std::io::Write;

use neardup::read::{ReadOptions, open_input, read_titles};

fn main() -> anyhow::Result<()> {
    let options = ReadOptions::default();
    let mut out = std::io::stdout().lock();
    for path in std::env::args().skip(1) {
        let reader = open_input(&path)?;
        let (mut records, mut errors, mut dated, mut bytes) = (0u64, 0u64, 0u64, 0usize);
        for record in read_titles(&path, reader, &options) {
            match record {
                Ok(record) => {
                    records += 1;
                    bytes += record.title.len();
                    dated += u64::from(record.time.is_some());
                }
                Err(_) => errors += 1,
            }
        }
        writeln!(
            out,
            "{path}\t{records} records\t{errors} errors\t{dated} dated\t{bytes} title bytes"
        )?;
    }
    Ok(())
}
