#!/usr/bin/env bash
# Run the cargo-fuzz targets in fuzz/ one at a time, at the lowest priority, each for a number
# of executions (and at most a number of seconds), with corpora seeded from fixtures/.
#
#   scripts/fuzz.sh [-n RUNS] [-t SECONDS] [TARGET...]
#
# RUNS defaults to 10 000 000 (the bar of issue 14), SECONDS to 0 (no limit); no TARGET means
# every target. Needs cargo-fuzz (`cargo install cargo-fuzz`); a stable toolchain works with
# RUSTC_BOOTSTRAP=1, set here. Each target's log is fuzz/logs/TARGET.log and the last line
# printed for it is "TARGET: N executions, E exec/s, C crashes". A crash leaves its input in
# fuzz/artifacts/TARGET/; turn it into a regression test named after what broke.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

runs=10000000
seconds=0
while getopts "n:t:" opt; do
    case $opt in
        n) runs=$OPTARG ;;
        t) seconds=$OPTARG ;;
        *) echo "usage: $0 [-n RUNS] [-t SECONDS] [TARGET...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi

export RUSTC_BOOTSTRAP=1
fixtures=../fixtures

# seed TARGET FILE...: copy whole files into the target's corpus.
seed() {
    local dir=corpus/$1
    shift
    mkdir -p "$dir"
    cp "$@" "$dir"/
}

# seed_lines TARGET FILE...: one corpus entry per line (titles for the text targets).
seed_lines() {
    local dir=corpus/$1
    shift
    mkdir -p "$dir"
    cat "$@" | awk -v dir="$dir" 'NF { print > (dir "/line-" NR) }'
}

seed_corpora() {
    seed read_lines "$fixtures"/feeds/sample.txt "$fixtures"/bad/*.txt
    seed read_jsonl "$fixtures"/feeds/sample.jsonl "$fixtures"/pairs/sample-pairs.jsonl "$fixtures"/bad/*.jsonl
    seed read_json "$fixtures"/feeds/sample.jsonl
    printf '[{"title": "A", "id": 1},\n {"title": "B"}]\n' > corpus/read_json/array.json
    printf '{"items": [{"original": "A", "rewrite": "B"}]}\n' > corpus/read_json/object.json
    seed read_csv "$fixtures"/feeds/sample.csv "$fixtures"/pairs/sample-pairs.csv
    seed read_tsv "$fixtures"/feeds/sample.tsv "$fixtures"/stories/seed-stories.tsv "$fixtures"/bad/*.tsv
    seed read_feed "$fixtures"/feeds/sample.rss "$fixtures"/feeds/sample.atom
    # RSS 1.0 (items beside the channel, dc:date), and an Atom xhtml title with a DTD.
    printf '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="r" xmlns:dc="d"><channel><title>W</title></channel>\n<item rdf:about="u"><title>A &amp; B</title><link>u</link><dc:date>2026-02-22T09:00:00+01:00</dc:date></item>\n</rdf:RDF>\n' > corpus/read_feed/rdf.xml
    printf '<!DOCTYPE feed [<!ENTITY e "x">]>\n<feed><title>W</title><entry><title type="xhtml"><div>Big <b>storm</b> &e;</div></title><link rel="self" href="s"/><updated>2026-02-22T09:00:00Z</updated><source><title>S</title></source></entry></feed>\n' > corpus/read_feed/xhtml.atom
    seed read_page "$fixtures"/pages/related-stories-page.txt
    # read_gzip: the first byte picks the cut, the rest is compressed.
    mkdir -p corpus/read_gzip
    for f in "$fixtures"/feeds/sample.*; do
        { printf '\0'; cat "$f"; } > "corpus/read_gzip/$(basename "$f")"
    done
    seed_lines normalize "$fixtures"/feeds/sample.txt "$fixtures"/stories/seed-stories.tsv
    seed_lines numbers "$fixtures"/feeds/sample.txt "$fixtures"/stories/seed-stories.tsv
    # diff and score: two titles split at a tab, the a and b columns of the labeled pairs.
    for t in diff score; do
        mkdir -p corpus/$t
        tail -n +2 "$fixtures"/pairs/seed-pairs.tsv | head -n 200 |
            awk -F'\t' -v dir="corpus/$t" '{ printf "%s\t%s", $3, $4 > (dir "/pair-" NR) }'
    done
}

seed_corpora
# Build once, then run the binaries themselves: `cargo fuzz run` would rebuild on every
# source change, and a run should fuzz one state of the code.
nice -n 19 cargo fuzz build -O
bin_dir=target/$(rustc -vV | sed -n 's/^host: //p')/release
export ASAN_OPTIONS=detect_odr_violation=0
mkdir -p logs
for target in "${targets[@]}"; do
    log=logs/$target.log
    mkdir -p "artifacts/$target"
    status=0
    nice -n 19 "$bin_dir/$target" "corpus/$target" -artifact_prefix="artifacts/$target/" \
        -runs="$runs" -max_total_time="$seconds" -max_len=16384 -print_final_stats=1 \
        >"$log" 2>&1 || status=$?
    executed=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    per_second=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    crashes=$(find "artifacts/$target" -type f | wc -l)
    echo "$target: $executed executions, $per_second exec/s, $crashes crashes (exit $status)"
done
