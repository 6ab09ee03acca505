#!/usr/bin/env bash
# Time whole scans (read → groups → JSON written to a file) of the Google News stream in
# ../shared/data/gnews with /usr/bin/time -v: the decompressed 1,058,699-line stream and the
# 61,478 unique English lines. Usage: scripts/bench-scan.sh [DATA_DIR] [extra scan flags...]
# The binary is built in (and run from) $CARGO_TARGET_DIR when it is set.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/gnews}
shift || true
cargo build --release --locked --quiet
neardup=${CARGO_TARGET_DIR:-target}/release/neardup
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gunzip -c "$data/headlines.txt.gz" > "$work/headlines.txt"
for input in "$work/headlines.txt" "$data/headlines_en_unique.txt"; do
  echo "== $(basename "$input") ($(wc -l < "$input") lines) on $(nproc) cores"
  /usr/bin/time -v "$neardup" scan "$input" --format json \
    --output "$work/report.json" --exit-zero --no-progress "$@" 2> "$work/time.txt"
  grep -E "Elapsed \(wall|Maximum resident|User time|System time" "$work/time.txt"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"])' "$work/report.json"
done
