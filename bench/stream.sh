#!/usr/bin/env bash
# Streams 100,000 and then 1,000,000 features from OGC API Features in one response each, sampling the
# server's resident memory, and appends the figures to docs/BENCHMARKS.md. Flat memory means the
# 1,000,000-feature peak stays near the 100,000-feature one. Uses a cluster of its own, deleted after.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${PORT:-5095}
export GEOGRID_HOME="$ROOT/.geogrid/bench-stream"
WORK=$(mktemp -d)
cleanup() { kill "${SERVER:-0}" 2>/dev/null || true; wait "${SERVER:-0}" 2>/dev/null || true; "$ROOT/geogrid" db reset >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

source "$ROOT/bench/common.sh"
serve
DOTNET=$(pgrep -f "geogrid.dll up --port $PORT" | head -n1)

cluster_env
psql -q -c "INSERT INTO reports (code, category, text, geom, created_at)
  SELECT 'BENCH-' || i, 'other', '压测随手拍 ' || i, ST_SetSRID(ST_MakePoint(113.3 + random() * 0.6, 34.6 + random() * 0.35), 4490), now()
  FROM generate_series(1, 1000000) AS i"

rss() { awk '/VmRSS/ { print $2 }' "/proc/$DOTNET/status"; }
stream() {
  local limit=$1 peak=0 r
  curl -fs -o /dev/null -w '%{size_download} %{time_total}\n' "http://127.0.0.1:$PORT/ogc/collections/reports/items?limit=$limit&properties=code,category" >"$WORK/curl.txt" &
  local curl_pid=$!
  while kill -0 $curl_pid 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.1; done
  wait $curl_pid
  read -r bytes seconds <"$WORK/curl.txt"
  echo "$peak $bytes $seconds"
}
BEFORE=$(rss)
read -r PEAK_SMALL BYTES_SMALL SECONDS_SMALL <<<"$(stream 100000)"
read -r PEAK_LARGE BYTES_LARGE SECONDS_LARGE <<<"$(stream 1000000)"

out="$ROOT/docs/BENCHMARKS.md"
printf -- '- %s · %s cores · OGC API Features, one response each: 100,000 features %.0f MB in %.1f s, server peak RSS %d MB; 1,000,000 features %.0f MB in %.1f s (%.0f features/s), peak RSS %d MB; idle before %d MB\n' \
  "$(date -u +%F)" "$(nproc)" "$(awk -v b="$BYTES_SMALL" 'BEGIN { print b / 1e6 }')" "$SECONDS_SMALL" $((PEAK_SMALL / 1024)) \
  "$(awk -v b="$BYTES_LARGE" 'BEGIN { print b / 1e6 }')" "$SECONDS_LARGE" "$(awk -v s="$SECONDS_LARGE" 'BEGIN { print 1000000 / s }')" $((PEAK_LARGE / 1024)) $((BEFORE / 1024)) >>"$out"
tail -n1 "$out"
