#!/usr/bin/env bash
# Whole-program benchmark, side by side in one run: kaigi on the large data set (4 days, 2,000
# sessions, 10,000 bullets in the session typed into) against vim -u NONE and nano on a
# 10,000-line file and the pty floor, with ptybench (startup, keystroke echo, peak memory), then
# kaigi's idle CPU over 30 s and the in-process keystroke latency. Writes docs/benchmarks.md and
# docs/benchmarks.svg. Usage: benches/pty.sh   (REPEAT=7 by default; IDLE_SECONDS=30)
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-7}
IDLE_SECONDS=${IDLE_SECONDS:-30}
for tool in vim nano; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
done
python3 -c 'import matplotlib' 2>/dev/null || pip install --quiet matplotlib
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kaigi=./target/release/kaigi
now=2026-12-03T09:10:00+09:00
cargo run --release --quiet --example bench_data -- "$work/data"
# The same 10,000 bullets as a 10,000-line file for the editors.
"$kaigi" --data-dir "$work/data" --conference bench-summit export --day 2026-12-03 \
  --session s0000 --no-followups-section > "$work/big.md"
B=benches/ptybench.py
python3 "$B" --repeat "$REPEAT" --json --vs \
  "floor=--ready 'echo ready' --quit '\x03' -- python3 $B --raw-echo" \
  "vim=--keys-before Go --quit '\x1b:q!\r' -- vim -u NONE -N $work/big.md" \
  "nano=--keys-before '\x1b/' --quit '\x18n' -- nano $work/big.md" \
  "kaigi=--ready 'Bench Summit' --keys-before '\r\x1b[1;5F\x1b[F\r' --quit '\x11' -- $kaigi --data-dir $work/data --now $now" \
  > "$work/pty.json"
# Startup with 20, 200 and 2,000 notes files (the same conference).
for n in 20 2000; do
  cargo run --release --quiet --example bench_data -- "$work/data$n" "$n"
done
python3 "$B" --repeat "$REPEAT" --json --type a --vs \
  "n20=--ready 'Bench Summit' --quit '\x11' -- $kaigi --data-dir $work/data20 --now $now" \
  "n200=--ready 'Bench Summit' --quit '\x11' -- $kaigi --data-dir $work/data --now $now" \
  "n2000=--ready 'Bench Summit' --quit '\x11' -- $kaigi --data-dir $work/data2000 --now $now" \
  > "$work/files.json"
python3 benches/idle.py "$IDLE_SECONDS" "$kaigi" --data-dir "$work/data" --now "$now" > "$work/idle.json"
cargo bench --quiet --bench latency 2>/dev/null | grep -vE '^(running|test result)' > "$work/latency.md"
REPEAT="$REPEAT" python3 benches/report.py "$work/pty.json" "$work/idle.json" "$work/latency.md" \
  "$(wc -l < "$work/big.md")" docs/benchmarks.md docs/benchmarks.svg "$work/files.json"
echo "wrote docs/benchmarks.md and docs/benchmarks.svg"
