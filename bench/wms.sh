#!/usr/bin/env bash
# WMS GetMap side by side in one run: GeoGrid's /wms against MapServer 8 (Debian cgi-mapserver over
# FastCGI behind lighttpd, 4 processes) on the same PostGIS table, the same boxes and the same style,
# uncached. Each answer must be a 2xx PNG; the script refuses the run otherwise.
# Usage: bench/wms.sh [seconds] [connections] [layer]. Appends the figures to docs/BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_EACH=${1:-15}
CONNECTIONS=${2:-8}
LAYER=${3:-grids-3}
PORT=${PORT:-5096}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

missing=()
for p in wrk cgi-mapserver lighttpd; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null

source "$ROOT/bench/common.sh"
serve GeoGrid__TileCache__Capacity=0

# 108 tile-sized boxes in EPSG:3857: the tile under each of three places (惠济区 by the river, 高村乡,
# the city centre) and its eight neighbours, at z11 to z14 (三级 grids start at z11; labels at z15).
awk 'BEGIN {
  pi = atan2(0, -1); split("113.62 34.87 113.18 34.85 113.66 34.75", c, " "); R = 20037508.342789244;
  for (z = 11; z <= 14; z++) for (p = 0; p < 3; p++) {
    lon = c[2*p+1]; lat = c[2*p+2]; n = 2 ^ z; r = lat * pi / 180;
    x = int((lon + 180) / 360 * n); y = int((1 - log(sin(r)/cos(r) + 1/cos(r)) / pi) / 2 * n);
    for (dx = -1; dx <= 1; dx++) for (dy = -1; dy <= 1; dy++) {
      s = 2 * R / n; printf "%.3f,%.3f,%.3f,%.3f\n", -R + (x+dx) * s, R - (y+dy+1) * s, -R + (x+dx+1) * s, R - (y+dy) * s;
    } } }' | sort -u >"$WORK/boxes.txt"
BOXES=$(wc -l <"$WORK/boxes.txt")
QUERY="SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=$LAYER&STYLES=&CRS=EPSG:3857&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE&BBOX="

# run NAME PORT PATH: wrk over every box, requests/s into NAME_RPS; refuses non-2xx answers.
run() {
  awk -v p="$3?$QUERY" '{ print p $0 }' "$WORK/boxes.txt" >"$WORK/$1.txt"
  cat >"$WORK/$1.lua" <<LUA
local urls, i = {}, 0
for line in io.lines("$WORK/$1.txt") do urls[#urls + 1] = line end
request = function() i = i % #urls + 1; return wrk.format("GET", urls[i]) end
LUA
  while read -r url; do
    [ "$(curl -fs -o /dev/null -w "%{content_type}" "http://127.0.0.1:$2$url")" = "image/png" ] || { echo "$1: no PNG for $url"; curl -s "http://127.0.0.1:$2$url" | head -c 600; exit 1; }
  done <"$WORK/$1.txt"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s "$WORK/$1.lua" "http://127.0.0.1:$2" >"$WORK/wrk-$1.txt"
  if grep -q "Non-2xx" "$WORK/wrk-$1.txt"; then grep -H "Non-2xx" "$WORK/wrk-$1.txt"; exit 1; fi
  printf -v "${1}_RPS" '%s' "$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk-$1.txt")"
  printf -v "${1}_P99" '%s' "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$1.txt")"
}

run GEOGRID "$PORT" /wms
kill $SERVER; wait $SERVER 2>/dev/null || true

cluster_env
start_mapserver
for attempt in $(seq 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$MS_PORT/mapserv?SERVICE=WMS&REQUEST=GetCapabilities" && break
  [ "$attempt" -lt 60 ] || { echo "MapServer does not answer:"; cat "$WORK/lighttpd.log"; exit 1; }
  sleep 0.5
done
run MAPSERVER "$MS_PORT" /mapserv
stop_mapserver

RATIO=$(awk -v a="$GEOGRID_RPS" -v b="$MAPSERVER_RPS" 'BEGIN { printf "%.2f", a / b }')
out="$ROOT/docs/BENCHMARKS.md"
printf -- '- %s · %s cores · WMS GetMap `%s`, %d boxes of 256 px (z11–14, EPSG:3857), %d connections, %d s each, uncached: GeoGrid **%.0f maps/s** (p99 %s), MapServer 8 FastCGI (4 processes) **%.0f maps/s** (p99 %s), ratio **%s** (target ≥ 1.5 × the faster peer)\n' \
  "$(date -u +%F)" "$(nproc)" "$LAYER" "$BOXES" "$CONNECTIONS" "$SECONDS_EACH" "$GEOGRID_RPS" "$GEOGRID_P99" "$MAPSERVER_RPS" "$MAPSERVER_P99" "$RATIO" >>"$out"
tail -n1 "$out"
