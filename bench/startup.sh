#!/usr/bin/env bash
# Times `./geogrid up` until /health answers, and writes the figures to docs/BENCHMARKS.md.
#   bench/startup.sh           a second start: cluster, data and build in place
#   bench/startup.sh --fresh   first start: removes the Debian packages GeoGrid installs, the build
#                              output and the cluster first (root; the NuGet cache is kept)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${PORT:-5097}
HOME_DIR=$(mktemp -d)
export GEOGRID_HOME="$HOME_DIR"
mode=second
if [ "${1:-}" = "--fresh" ]; then
  mode=first
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq postgresql-15-postgis-3 postgresql-15-postgis-3-scripts fonts-noto-cjk >/dev/null
  find "$ROOT/src" "$ROOT/tests" -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
fi

time_to_health() {
  local start end log=$1
  start=$(date +%s.%N)
  "$ROOT/geogrid" up --port "$PORT" >"$log" 2>&1 &
  local pid=$!
  until curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.2
  done
  end=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

if [ "$mode" = second ]; then
  time_to_health "$HOME_DIR/warmup.log" >/dev/null   # creates cluster and data
fi
seconds=$(time_to_health "$HOME_DIR/up.log")
GEOGRID_HOME="$HOME_DIR" "$ROOT/geogrid" db reset >/dev/null
rm -rf "$HOME_DIR"

out="$ROOT/docs/BENCHMARKS.md"
[ -f "$out" ] || printf '# GeoGrid benchmarks\n\nEach line: date, machine, what, result. Written by the scripts in bench/.\n\n' >"$out"
printf -- '- %s · %s cores · `./geogrid up` %s start → serving: **%.1f s**\n' "$(date -u +%F)" "$(nproc)" "$mode" "$seconds" >>"$out"
echo "$mode start: $seconds s"
