#!/usr/bin/env bash
# Import speed, side by side in one run: the demo's reports six times over as one GeoJSON file
# (about 131,000 reports without codes) written by `geogrid import` — every check, codes, grid routing,
# lifecycle events and the audit row — against `ogr2ogr` copying the same file into PostGIS with COPY and
# nothing else. Optionally (IMPORT_MILLION=1) a 1,000,000-report file through geogrid import.
# Usage: bench/import.sh. Appends the figures to docs/BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${PORT:-5098}
WORK=$(mktemp -d)
trap 'kill ${SERVER:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
for p in gdal-bin bc; do dpkg -s "$p" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; done

source "$ROOT/bench/common.sh"
serve
kill $SERVER; wait $SERVER 2>/dev/null || true
cluster_env

"$ROOT/geogrid" export --layer reports -o "$WORK/reports.geojson" >/dev/null 2>&1
# Six copies, codes removed (the importer makes them), in one FeatureCollection.
python3 - "$WORK/reports.geojson" "$WORK/six.geojson" "${IMPORT_MILLION:-0}" "$WORK/million.geojson" <<'PY'
import json, sys
features = json.load(open(sys.argv[1]))["features"]
for f in features:
    f["properties"].pop("code", None)
def write(path, copies):
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","features":[')
        first = True
        for _ in range(copies):
            for f in features:
                out.write(("" if first else ",") + json.dumps(f, ensure_ascii=False))
                first = False
        out.write("]}")
write(sys.argv[2], 6)
if sys.argv[3] == "1":
    write(sys.argv[4], -(-1_000_000 // len(features)))
PY
COUNT=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['features']))" "$WORK/six.geojson")

BEFORE=$(psql -Atc "SELECT count(*) FROM reports")
START=$(date +%s.%N)
"$ROOT/geogrid" import "$WORK/six.geojson" --layer reports >"$WORK/import.log" 2>&1 || { tail -20 "$WORK/import.log"; exit 1; }
GEOGRID_S=$(echo "$(date +%s.%N) - $START" | bc)
WRITTEN=$(( $(psql -Atc "SELECT count(*) FROM reports") - BEFORE ))
ROUTED=$(psql -Atc "SELECT count(*) FROM reports WHERE text IS NOT NULL AND grid_id IS NOT NULL AND id > (SELECT max(id) - $WRITTEN FROM reports)")

START=$(date +%s.%N)
ogr2ogr -f PostgreSQL "PG:host=$PGHOST port=$PGPORT dbname=$PGDATABASE user=$PGUSER password=$PGPASSWORD" "$WORK/six.geojson" \
  -nln bench_ogr_import -overwrite -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE --config PG_USE_COPY YES
OGR_S=$(echo "$(date +%s.%N) - $START" | bc)
OGR_ROWS=$(psql -Atc "SELECT count(*) FROM bench_ogr_import")
psql -qc "DROP TABLE bench_ogr_import; DELETE FROM reports WHERE id > (SELECT max(id) - $WRITTEN FROM reports)"

MILLION=""
if [ "${IMPORT_MILLION:-0}" = 1 ]; then
  START=$(date +%s.%N)
  "$ROOT/geogrid" import "$WORK/million.geojson" --layer reports >"$WORK/million.log" 2>&1 || { tail -20 "$WORK/million.log"; exit 1; }
  M_S=$(echo "$(date +%s.%N) - $START" | bc)
  M_ROWS=$(psql -Atc "SELECT count(*) FROM reports") ; psql -qc "DELETE FROM reports WHERE id > $(psql -Atc "SELECT max(id) FROM reports") - ($M_ROWS - $BEFORE)"
  MILLION=$(printf '; %d reports in one file through geogrid import in %.1f s' $((M_ROWS - BEFORE)) "$M_S")
fi

out="$ROOT/docs/BENCHMARKS.md"
printf -- '- %s · %s cores · import of %d reports (GeoJSON): geogrid import %.1f s (%.0f/s, %d written, %d routed to a grid, with checks, events and audit) vs ogr2ogr COPY %.1f s (%.0f/s, %d rows): %.2f× ogr2ogr'"'"'s rate%s\n' \
  "$(date -u +%F)" "$(nproc)" "$COUNT" "$GEOGRID_S" "$(echo "$COUNT / $GEOGRID_S" | bc -l)" "$WRITTEN" "$ROUTED" "$OGR_S" "$(echo "$OGR_ROWS / $OGR_S" | bc -l)" "$OGR_ROWS" \
  "$(echo "$OGR_S / $GEOGRID_S" | bc -l)" "$MILLION" >>"$out"
tail -n1 "$out"
