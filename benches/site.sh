#!/usr/bin/env bash
# Times `ladder build` of a site of N policies (default 1,000) made from the
# five shipped ones, in a temporary folder, with a release build:
#   copies:   N files, copies of the five (5 distinct charts: Graphviz lays
#             out each distinct chart once);
#   distinct: N files, each with its own title (N distinct charts, so dot
#             runs N times, on every core).
# Prints the wall-clock and CPU time of each (the CPU time says what the
# machine's other work does not) and the size of the largest page.
# Usage: bash benches/site.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
cargo build --release --quiet
bin="$PWD/target/release/ladder"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/copies" "$tmp/distinct"
policies=(policies/*.ladder)
for i in $(seq 1 "$n"); do
  src="${policies[$(( (i - 1) % ${#policies[@]} ))]}"
  name="$(basename "$src" .ladder)-$i"
  cp "$src" "$tmp/copies/$name.ladder"
  sed "0,/^policy \"/s//policy \"($i) /" "$src" > "$tmp/distinct/$name.ladder"
done
for kind in copies distinct; do
  status=0
  /usr/bin/time -f "%e %U %S" -o "$tmp/$kind.time" "$bin" build --today 2026-11-22 --color never --out "$tmp/out-$kind" "$tmp/$kind" > "$tmp/$kind.log" 2>&1 || status=$?
  [ "$status" = 0 ] || { echo "build exited $status:"; tail -5 "$tmp/$kind.log"; }
  read -r wall user sys < "$tmp/$kind.time"
  pages=$(ls "$tmp/out-$kind"/*.html | wc -l)
  largest=$(ls -S "$tmp/out-$kind"/*.html | grep -v index.html | sed -n 1p)
  printf '%s: %d policies, %.2f s wall (CPU, Graphviz included: %.2f s user, %.2f s system); %d pages; largest page %s (%d bytes); index.html %d bytes\n' \
    "$kind" "$n" "$wall" "$user" "$sys" "$pages" "$(basename "$largest")" \
    "$(stat -c %s "$largest")" "$(stat -c %s "$tmp/out-$kind/index.html")"
  tail -1 "$tmp/$kind.log"
done
