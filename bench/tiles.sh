#!/usr/bin/env bash
# MVT throughput, side by side in one run: GeoGrid over HTTP (wrk) against the very same tile SQL run
# directly by pgbench at the same concurrency (the ceiling for an uncached PostGIS-backed server), and
# GeoGrid's `towns` tileset against MapServer 8 (Debian cgi-mapserver over FastCGI behind lighttpd)
# serving the same table as MVT, with a check that both tiles hold the same features.
# Usage: bench/tiles.sh [seconds] [connections]. Appends the figures to docs/BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_EACH=${1:-15}
CONNECTIONS=${2:-8}
PORT=${PORT:-5096}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

missing=()
for p in wrk cgi-mapserver lighttpd gdal-bin; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null

source "$ROOT/bench/common.sh"
# Uncached first: a tile cache of capacity 0 is off, in memory and on disk.
serve GeoGrid__TileCache__Capacity=0

# A fixed list: the tile under each of three places (惠济区 by the river, 高村乡, the city centre) and
# its eight neighbours, at every zoom from 8 to 16.
awk 'BEGIN {
  pi = atan2(0, -1); split("113.62 34.87 113.18 34.85 113.66 34.75", c, " ");
  for (z = 8; z <= 16; z++) for (p = 0; p < 3; p++) {
    lon = c[2*p+1]; lat = c[2*p+2]; n = 2 ^ z; r = lat * pi / 180;
    x = int((lon + 180) / 360 * n); y = int((1 - log(sin(r)/cos(r) + 1/cos(r)) / pi) / 2 * n);
    for (dx = -1; dx <= 1; dx++) for (dy = -1; dy <= 1; dy++) print z, x + dx, y + dy;
  } }' | sort -u >"$WORK/tiles.txt"
TILES=$(wc -l <"$WORK/tiles.txt")

awk '{ printf "/tiles/geogrid/%d/%d/%d.mvt\n", $1, $2, $3 }' "$WORK/tiles.txt" >"$WORK/urls.txt"
cat >"$WORK/urls.lua" <<LUA
local urls, i = {}, 0
for line in io.lines("$WORK/urls.txt") do urls[#urls + 1] = line end
request = function() i = i % #urls + 1; return wrk.format("GET", urls[i]) end
LUA
curl -fs -o /dev/null "http://127.0.0.1:$PORT/tiles/geogrid/8/208/101.mvt"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s "$WORK/urls.lua" "http://127.0.0.1:$PORT" >"$WORK/wrk.txt"
GEOGRID_RPS=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.txt")

# One table against MapServer: GeoGrid's `towns` tiles (per-zoom generalised shapes), still uncached.
sed 's#/tiles/geogrid/#/tiles/towns/#' "$WORK/urls.txt" >"$WORK/towns.txt"
sed "s#$WORK/urls.txt#$WORK/towns.txt#" "$WORK/urls.lua" >"$WORK/towns.lua"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s "$WORK/towns.lua" "http://127.0.0.1:$PORT" >"$WORK/wrk-towns.txt"
TOWNS_RPS=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk-towns.txt")
curl -fs -o "$WORK/geogrid-12.mvt" "http://127.0.0.1:$PORT/tiles/towns/12/3337/1624.mvt"
kill $SERVER; wait $SERVER 2>/dev/null || true

cluster_env
start_mapserver
MS_URL="http://127.0.0.1:$MS_PORT/mapserv?mode=tile&tilemode=gmap&layers=towns&map.imagetype=mvt&tile="
for attempt in $(seq 60); do
  [ "$(curl -fs -o "$WORK/mapserver-12.mvt" -w "%{content_type}" "${MS_URL}3337+1624+12")" = "application/vnd.mapbox-vector-tile" ] && break
  [ "$attempt" -lt 60 ] || { echo "MapServer gives no MVT:"; cat "$WORK/mapserver-12.mvt" "$WORK/lighttpd.log"; exit 1; }
  sleep 0.5
done
awk '{ printf "/mapserv?mode=tile&tilemode=gmap&layers=towns&map.imagetype=mvt&tile=%d+%d+%d\n", $2, $3, $1 }' "$WORK/tiles.txt" >"$WORK/ms.txt"
sed "s#$WORK/urls.txt#$WORK/ms.txt#" "$WORK/urls.lua" >"$WORK/ms.lua"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s "$WORK/ms.lua" "http://127.0.0.1:$MS_PORT" >"$WORK/wrk-ms.txt"
MS_RPS=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk-ms.txt")
# A fast error is no tile: refuse to report a run in which any answer was not a 2xx.
if grep -q "Non-2xx" "$WORK/wrk-towns.txt" "$WORK/wrk-ms.txt" "$WORK/wrk.txt"; then grep -H "Non-2xx" "$WORK"/wrk*.txt; exit 1; fi
stop_mapserver
# The same towns in both z12 tiles, as GDAL's MVT driver reads them with the buffer (CLIP=NO).
codes() { mkdir -p "$WORK/$2/12/3337"; cp "$1" "$WORK/$2/12/3337/1624.pbf"; ogrinfo -q -oo CLIP=NO "$WORK/$2/12/3337/1624.pbf" -al | awk -F'= ' '/ code \(/ { print $2 }' | sort -u; }
if diff <(codes "$WORK/geogrid-12.mvt" g) <(codes "$WORK/mapserver-12.mvt" m) >/dev/null; then SAME="the same $(codes "$WORK/geogrid-12.mvt" g | wc -l) towns"; else SAME="DIFFERENT towns"; fi

# Cached: one pass over the list fills the cache, then the same load again.
serve GeoGrid__TileCache__Capacity=20000
while read -r url; do curl -fs -o /dev/null "http://127.0.0.1:$PORT$url"; done <"$WORK/urls.txt"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s "$WORK/urls.lua" "http://127.0.0.1:$PORT" >"$WORK/wrk-cached.txt"
CACHED_RPS=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk-cached.txt")

# The same SQL, with $1..$3 taken from a table of the same tiles.
psql -q -c "DROP TABLE IF EXISTS bench_tiles; CREATE TABLE bench_tiles (i serial PRIMARY KEY, z int, x int, y int)"
awk '{ print $1 "," $2 "," $3 }' "$WORK/tiles.txt" | psql -q -c "\\copy bench_tiles (z, x, y) FROM STDIN WITH (FORMAT csv)"
SQL=$("$ROOT/geogrid" tile-sql geogrid 2>/dev/null | sed 's/\$1/b.z/g; s/\$2/b.x/g; s/\$3/b.y/g' | tr '\n' ' ')
printf '\\set i random(1, %d)\nSELECT length(m.t) FROM bench_tiles b, LATERAL (%s) AS m(t) WHERE b.i = :i;\n' "$TILES" "$SQL" >"$WORK/tile.sql"
"$(ls -d /usr/lib/postgresql/*/bin | tail -n1)/pgbench" -n -c "$CONNECTIONS" -j 2 -T "$SECONDS_EACH" -f "$WORK/tile.sql" >"$WORK/pgbench.txt"
PG_TPS=$(awk '/^tps/ { print $3; exit }' "$WORK/pgbench.txt")
psql -q -c "DROP TABLE bench_tiles"

RATIO=$(awk -v a="$GEOGRID_RPS" -v b="$PG_TPS" 'BEGIN { printf "%.2f", a / b }')
MS_RATIO=$(awk -v a="$TOWNS_RPS" -v b="$MS_RPS" 'BEGIN { printf "%.2f", a / b }')
out="$ROOT/docs/BENCHMARKS.md"
[ -f "$out" ] || printf '# GeoGrid benchmarks\n\nEach line: date, machine, what, result. Written by the scripts in bench/.\n\n' >"$out"
printf -- '- %s · %s cores · MVT `geogrid` tileset, %d tiles z8–16, %d connections, %d s each, uncached: GeoGrid **%.0f tiles/s**, same SQL by pgbench **%.0f tiles/s**, ratio **%s** (target ≥ 0.85); cached: GeoGrid **%.0f tiles/s** (target ≥ 20,000)\n' \
  "$(date -u +%F)" "$(nproc)" "$TILES" "$CONNECTIONS" "$SECONDS_EACH" "$GEOGRID_RPS" "$PG_TPS" "$RATIO" "$CACHED_RPS" >>"$out"
printf -- '- %s · %s cores · MVT of one table (towns), the same %d tiles, %d connections, uncached: GeoGrid (per-zoom generalised shapes) **%.0f tiles/s**, MapServer 8 FastCGI (4 processes) **%.0f tiles/s**, ratio **%s** (target ≥ 1.5); the z12 tile of each holds %s (GDAL MVT, CLIP=NO)\n' \
  "$(date -u +%F)" "$(nproc)" "$TILES" "$CONNECTIONS" "$TOWNS_RPS" "$MS_RPS" "$MS_RATIO" "$SAME" >>"$out"
tail -n2 "$out"
