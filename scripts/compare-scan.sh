#!/usr/bin/env bash
# Compare whole scans of the Google News stream by two or more neardup binaries, run in turn
# round after round, so that a machine whose speed drifts slows each alike; print each
# binary's median wall and user time and its peak memory, and check that their JSON reports
# are byte-identical (exit 1 when they are not).
# Usage: scripts/compare-scan.sh ROUNDS BINARY BINARY... [-- extra scan flags]
# The stream is read from ../shared/data/gnews/headlines.txt.gz (NEARDUP_GNEWS overrides).
set -euo pipefail
rounds=${1:?usage: scripts/compare-scan.sh ROUNDS BINARY BINARY... [-- scan flags]}
shift
binaries=()
while [[ $# -gt 0 && $1 != -- ]]; do binaries+=("$1"); shift; done
[[ ${1:-} == -- ]] && shift
(( ${#binaries[@]} >= 2 )) || { echo "compare-scan: give at least two binaries" >&2; exit 2; }
gnews=${NEARDUP_GNEWS:-$(dirname "$0")/../../shared/data/gnews/headlines.txt.gz}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gunzip -c "$gnews" > "$work/headlines.txt"
for round in $(seq "$rounds"); do
  for i in "${!binaries[@]}"; do
    /usr/bin/time -f "$i %e %U %M" -a -o "$work/times" "${binaries[$i]}" scan \
      "$work/headlines.txt" --format json --output "$work/report.$i.json" --exit-zero \
      --no-progress "$@"
  done
done
differ=0
for i in "${!binaries[@]}"; do
  if ! cmp -s "$work/report.0.json" "$work/report.$i.json"; then
    echo "compare-scan: ${binaries[$i]} reports differently from ${binaries[0]}" >&2
    differ=1
  fi
done
(( differ )) || echo "reports: byte-identical"
python3 - "$work/times" "${binaries[@]}" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    i, wall, user, peak = line.split()
    runs.setdefault(int(i), []).append((float(wall), float(user), int(peak)))
for i, binary in enumerate(sys.argv[2:]):
    walls, users, peaks = zip(*runs[i])
    print(f"{binary}: wall median {statistics.median(walls):.3f} s "
          f"(min {min(walls):.3f}, max {max(walls):.3f}), user median "
          f"{statistics.median(users):.3f} s, peak {max(peaks) // 1024} MB, {len(walls)} runs")
PY
exit "$differ"
