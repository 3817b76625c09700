#!/usr/bin/env bash
# A mixed load of 64 connections for 60 s on loopback (wrk): vector tiles and PNG tiles where people
# look, filtered feature pages, "who is responsible here?" and 随手拍 report intake (each POST with its
# own Idempotency-Key). Reports the rate, p50/p99 latency and answers that were not 2xx (a run with any
# 5xx fails), and the server's resident memory before, at the peak and one minute after the load.
# Usage: bench/load.sh [seconds] [connections]; SERVER_ENV="NAME=value …" starts the server with those
# settings (to compare GC or cache settings). Appends the figures to docs/BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_LOAD=${1:-60}
CONNECTIONS=${2:-64}
PORT=${PORT:-5097}
WORK=$(mktemp -d)
trap 'kill ${SAMPLER:-} ${SERVER:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
dpkg -s wrk >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null

source "$ROOT/bench/common.sh"
# shellcheck disable=SC2086 # SERVER_ENV is a list of NAME=value words
serve ${SERVER_ENV:-}
DOTNET=$(pgrep -f "geogrid.dll up --port $PORT" | head -n1)
rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$DOTNET/status"; }

cat >"$WORK/mix.lua" <<'LUA'
-- One request of the mix per call, from a fixed pseudo-random sequence per thread.
local n = 0
local function tile(z, lon, lat)
  local m = 2 ^ z
  local r = math.rad(lat)
  return z, math.floor((lon + 180) / 360 * m), math.floor((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * m)
end
request = function()
  n = n + 1
  local lon, lat = 113.1 + math.random() * 0.7, 34.6 + math.random() * 0.3
  local k = n % 6
  if k <= 1 then
    local z, x, y = tile(math.random(9, 15), lon, lat)
    return wrk.format("GET", string.format("/tiles/geogrid/%d/%d/%d.mvt", z, x, y))
  elseif k == 2 then
    local z, x, y = tile(math.random(9, 13), lon, lat)
    return wrk.format("GET", string.format("/tiles/towns/%d/%d/%d.png", z, x, y))
  elseif k == 3 then
    return wrk.format("GET", string.format("/ogc/collections/reports/items?limit=50&filter=category%%3D%%27sanitation%%27&bbox=%.4f,%.4f,%.4f,%.4f", lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05))
  elseif k == 4 then
    return wrk.format("GET", string.format("/analyses/responsibility?lon=%.5f&lat=%.5f", lon, lat))
  end
  local body = string.format('{"type":"Feature","properties":{"category":"环境卫生","text":"压测"},"geometry":{"type":"Point","coordinates":[%.6f,%.6f]}}', lon, lat)
  return wrk.format("POST", "/ogc/collections/reports/items",
    { ["Content-Type"] = "application/geo+json", ["Idempotency-Key"] = string.format("load-%d-%d-%d", os.time(), math.random(1e9), n) }, body)
end
local statuses = {}
response = function(status) statuses[status] = (statuses[status] or 0) + 1 end
LUA

BEFORE=$(rss)
PEAK=$BEFORE
( while true; do r=$(rss); [ "$r" -gt "$PEAK" ] && PEAK=$r && echo "$PEAK" >"$WORK/peak"; sleep 0.5; done ) &
SAMPLER=$!
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_LOAD}s" --timeout 30s --latency -s "$WORK/mix.lua" "http://127.0.0.1:$PORT" >"$WORK/wrk.txt"
kill $SAMPLER 2>/dev/null || true
PEAK=$(cat "$WORK/peak" 2>/dev/null || echo "$BEFORE")
sleep 60
AFTER=$(rss)
cat "$WORK/wrk.txt"

RPS=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.txt")
P50=$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.txt")
P99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.txt")
NON2XX=$(awk '/Non-2xx/ { print $NF }' "$WORK/wrk.txt"); NON2XX=${NON2XX:-0}
ERRORS=$(awk '/Socket errors/ { print $0 }' "$WORK/wrk.txt")
# The server's own count of 5xx is in its log (every 500 is logged with its stack trace; 503 as an outage).
FIVES=$(grep -cE "Unhandled error|Database unreachable" "$WORK/up.log" || true)
out="$ROOT/docs/BENCHMARKS.md"
printf -- '- %s · %s cores · mixed load, %d connections for %d s (tiles, PNG, filtered pages, responsibility, report intake): %s requests/s, p50 %s, p99 %s, non-2xx %s, server errors logged %s%s; server RSS %d MB before, %d MB peak, %d MB one minute after (%.2f× before)\n' \
  "$(date -u +%F)" "$(nproc)" "$CONNECTIONS" "$SECONDS_LOAD" "$RPS" "$P50" "$P99" "$NON2XX" "$FIVES" "${ERRORS:+, $ERRORS}${SERVER_ENV:+, server run with $SERVER_ENV}" "$BEFORE" "$PEAK" "$AFTER" \
  "$(awk -v a="$AFTER" -v b="$BEFORE" 'BEGIN { print a / b }')" >>"$out"
tail -n1 "$out"
[ "$FIVES" -eq 0 ] || { grep -E "Unhandled error|Database unreachable" "$WORK/up.log" | head; exit 1; }
