#!/usr/bin/env bash
# The analyses' benchmarks, each beside its reference measured in the same run:
#   coverage of a 50,000-grid parent (target ≤ 5 s); Gi* on 10,000 and 100,000 cells against R spdep
#   (≥ 20× with equal numbers); 1,000,000 points assigned to 50,000 grids in-process (≤ 2 s) against
#   the same join in PostGIS; "who is responsible here?" over HTTP (p95 ≤ 5 ms).
# Usage: bench/analyses.sh [--quick] (quick: no 100,000-cell spdep run, which takes R minutes).
# Appends the figures to docs/BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${PORT:-5097}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

dotnet build -c Release -v q --nologo "$ROOT/bench/GeoGrid.Bench" >/dev/null
BENCH="$ROOT/bench/GeoGrid.Bench/bin/Release/net10.0/GeoGrid.Bench"

source "$ROOT/bench/common.sh"
serve
cluster_env
CONNECTION="Host=127.0.0.1;Port=$PGPORT;Username=geogrid;Password=$PGPASSWORD;Database=geogrid"

json() { python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(d[sys.argv[2]])" "$1" "$2"; }
RESP=$("$BENCH" responsibility "http://127.0.0.1:$PORT" 2000 "$CONNECTION")
COVER=$("$BENCH" coverage 50000 "$CONNECTION")
GI10=$("$BENCH" gistar 10000 "$WORK")
[ "${1:-}" = "--quick" ] || GI100=$("$BENCH" gistar 100000 "$WORK")
ASSIGN=$("$BENCH" assign 1000000 50000 "$CONNECTION")

out="$ROOT/docs/BENCHMARKS.md"
day="$(date -u +%F) · $(nproc) cores"
{
  printf -- '- %s · coverage check of one parent with %s generated Voronoi grids (one removed): **%s s** (target ≤ 5 s), %s problem, a gap of %s m²; PostGIS (overlapping pairs by ST_Relate, gaps by ST_Difference of ST_Union): %s s, %s overlaps, gap %s m²: **%s×**\n' \
    "$day" "$(json "$COVER" grids)" "$(json "$COVER" seconds)" "$(json "$COVER" problems)" "$(json "$COVER" gap_m2)" "$(json "$COVER" postgis_s)" "$(json "$COVER" postgis_overlaps)" "$(json "$COVER" postgis_gap_m2)" "$(json "$COVER" ratio)"
  for g in "$GI10" ${GI100:+"$GI100"}; do
    printf -- '- %s · Gi* on %s hexagonal cells (band %s m, %s neighbours each): GeoGrid weights + Gi* **%s s**, R spdep dnearneigh + localG **%s s** (localG alone %s s): **%s×** (target ≥ 20×); largest |Δz| %s, |Δp| %s\n' \
      "$day" "$(json "$g" cells)" "$(json "$g" band_m)" "$(json "$g" mean_neighbours)" "$(json "$g" geogrid_total_s)" "$(json "$g" spdep_total_s)" "$(json "$g" spdep_localG_s)" "$(json "$g" ratio)" "$(json "$g" max_abs_z_difference)" "$(json "$g" max_abs_p_difference)"
  done
  printf -- '- %s · %s points assigned to %s grids in-process: **%s s** (target ≤ 2 s); the same join in PostGIS (GiST, parallel workers allowed): %s s: **%s×**; grids whose counts differ: %s\n' \
    "$day" "$(json "$ASSIGN" points)" "$(json "$ASSIGN" grids)" "$(json "$ASSIGN" geogrid_s)" "$(json "$ASSIGN" postgis_s)" "$(json "$ASSIGN" ratio)" "$(json "$ASSIGN" grids_with_different_counts)"
  printf -- '- %s · "who is responsible here?" over HTTP, %s lookups one after another at random points across the city (500 m radius): p50 %s ms, **p95 %s ms** (target ≤ 5 ms), p99 %s ms; the same statement straight to PostGIS: p50 %s ms, p95 %s ms (HTTP/PostGIS at p95: %s)\n' \
    "$day" "$(json "$RESP" lookups)" "$(json "$RESP" p50_ms)" "$(json "$RESP" p95_ms)" "$(json "$RESP" p99_ms)" "$(json "$RESP" postgis_p50_ms)" "$(json "$RESP" postgis_p95_ms)" "$(json "$RESP" ratio_p95)"
} >>"$out"
tail -n 6 "$out"
