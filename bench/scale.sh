#!/usr/bin/env bash
# How GeoGrid's costs grow with its data: the same requests against the demo at 1× and at N× Zhengzhou
# (`geogrid demo --scale N`, the city and N − 1 copies with the same densities), one server at a time on
# the same machine. Uncached tiles over a fixed list of 185 tiles (wrk), a page of 1,000 reports in a box
# of the city centre and the city-wide count of reports (OGC API items), and the city-wide analyses
# (Gi* hot spots, kernel density, DBSCAN clusters) over every report.
# Usage: bench/scale.sh [N] [seconds]. Loads N× into $SCALED_HOME (default .geogrid-xN) the first time.
# Appends the figures to docs/BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCALE=${1:-10}
SECONDS_EACH=${2:-10}
SCALED_HOME=${SCALED_HOME:-$ROOT/.geogrid-x$SCALE}
PORT=${PORT:-5098}
WORK=$(mktemp -d)
SERVER=
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
dpkg -s wrk >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
source "$ROOT/bench/common.sh"

echo "loading ${SCALE}× Zhengzhou into $SCALED_HOME (once; minutes)"
GEOGRID_HOME="$SCALED_HOME" "$ROOT/geogrid" demo --scale "$SCALE" >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log"; exit 1; }

awk 'BEGIN {
  pi = atan2(0, -1); split("113.62 34.87 113.18 34.85 113.66 34.75", c, " ");
  for (z = 8; z <= 16; z++) for (p = 0; p < 3; p++) {
    lon = c[2*p+1]; lat = c[2*p+2]; n = 2 ^ z; r = lat * pi / 180;
    x = int((lon + 180) / 360 * n); y = int((1 - log(sin(r)/cos(r) + 1/cos(r)) / pi) / 2 * n);
    for (dx = -1; dx <= 1; dx++) for (dy = -1; dy <= 1; dy++) printf "/tiles/geogrid/%d/%d/%d.mvt\n", z, x + dx, y + dy;
  } }' | sort -u >"$WORK/urls.txt"
cat >"$WORK/urls.lua" <<LUA
local urls, i = {}, 0
for line in io.lines("$WORK/urls.txt") do urls[#urls + 1] = line end
request = function() i = i % #urls + 1; return wrk.format("GET", urls[i]) end
LUA

# seconds URL: the median of 5 timed GETs (after one untimed), failing on any non-2xx.
seconds() {
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT$1"
  for _ in 1 2 3 4 5; do curl -fsS -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT$1"; done | sort -n | sed -n 3p
}

# measure NAME HOME: every figure for one dataset, into $WORK/NAME.
measure() {
  local name=$1 home=$2
  GEOGRID_HOME="$home" serve GeoGrid__TileCache__Capacity=0
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/tiles/geogrid/8/208/101.mvt"
  wrk -t2 -c8 -d"${SECONDS_EACH}s" -s "$WORK/urls.lua" "http://127.0.0.1:$PORT" >"$WORK/$name-wrk.txt"
  if grep -q "Non-2xx" "$WORK/$name-wrk.txt"; then cat "$WORK/$name-wrk.txt"; exit 1; fi
  {
    echo "reports=$(curl -fs "http://127.0.0.1:$PORT/ogc/collections/reports/items?limit=1" | sed -n 's/.*"numberMatched":\([0-9]*\).*/\1/p')"
    echo "grids=$(curl -fs "http://127.0.0.1:$PORT/ogc/collections/grids-3/items?limit=1" | sed -n 's/.*"numberMatched":\([0-9]*\).*/\1/p')"
    echo "tiles=$(awk '/Requests\/sec/ { print $2 }' "$WORK/$name-wrk.txt")"
    echo "page=$(seconds '/ogc/collections/reports/items?bbox=113.60,34.72,113.70,34.79&limit=1000')"
    echo "count=$(seconds '/ogc/collections/reports/items?limit=1')"
    echo "hotspots=$(seconds '/analyses/hotspots?bin-size=1000&permutations=99')"
    echo "density=$(seconds '/analyses/density?cell-size=500&bandwidth=1000')"
    echo "clusters=$(seconds '/analyses/clusters?eps=200&min-points=20')"
  } >"$WORK/$name"
  kill $SERVER; wait $SERVER 2>/dev/null || true
  SERVER=
}

measure x1 "${GEOGRID_HOME:-$ROOT/.geogrid}"
measure xn "$SCALED_HOME"
get() { sed -n "s/^$2=//p" "$WORK/$1"; }
ratio() { awk -v a="$(get x1 "$1")" -v b="$(get xn "$1")" 'BEGIN { printf "%.2f", b / a }'; }
ms() { awk -v s="$(get "$1" "$2")" 'BEGIN { printf "%.0f ms", s * 1000 }'; }
LINE="- $(date +%F) · $(nproc) cores · 1× against ${SCALE}× Zhengzhou (\`geogrid demo --scale $SCALE\`: $(get x1 grids) → $(get xn grids) 三级 grids, $(get x1 reports) → $(get xn reports) reports), one server each, uncached:"
LINE+=" tiles over the same 185 tiles $(get x1 tiles) → $(get xn tiles) tiles/s (**$(ratio tiles)×**);"
LINE+=" a page of 1,000 reports in a city-centre box $(ms x1 page) → $(ms xn page) (**$(ratio page)×** the time);"
LINE+=" the city-wide count of reports $(ms x1 count) → $(ms xn count) ($(ratio count)×);"
LINE+=" Gi* hot spots of every report (1 km bins, 99 permutations) $(ms x1 hotspots) → $(ms xn hotspots) ($(ratio hotspots)×);"
LINE+=" kernel density (500 m cells) $(ms x1 density) → $(ms xn density) ($(ratio density)×);"
LINE+=" DBSCAN clusters (200 m, 20 points) $(ms x1 clusters) → $(ms xn clusters) ($(ratio clusters)×)"
echo "$LINE" | tee -a "$ROOT/docs/BENCHMARKS.md"
