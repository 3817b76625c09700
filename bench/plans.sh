#!/usr/bin/env bash
# The planning issue's benchmarks, in a throw-away database of the embedded cluster: one edit checked
# inside a parent of 500 children (target ≤ 100 ms), a plan changing 50 grids applied (≤ 1 s, with the
# tile shapes it refreshes), as-of reads against current reads (≤ 1.2×).
# Usage: bench/plans.sh [CHILDREN]. Appends the figures to docs/BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dotnet build -c Release -v q --nologo "$ROOT/bench/GeoGrid.Bench" >/dev/null
source "$ROOT/bench/common.sh"
"$ROOT/geogrid" db start >/dev/null
cluster_env
CONNECTION="Host=127.0.0.1;Port=$PGPORT;Username=geogrid;Password=$PGPASSWORD;Database=geogrid"
R=$("$ROOT/bench/GeoGrid.Bench/bin/Release/net10.0/GeoGrid.Bench" plans "${1:-500}" "$CONNECTION")
json() { python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(d[sys.argv[2]])" "$1" "$2"; }
printf -- '- %s · plans: one split checked inside a parent of %s children **%s ms** (median of 10; target ≤ 100 ms); a plan changing %s grids applied **%s s** (target ≤ 1 s); level-3 grids read as of now %s ms against %s ms from the table: **%s×** (target ≤ 1.2×)\n' \
  "$(date -u +%F) · $(nproc) cores" "$(json "$R" children)" "$(json "$R" edit_check_ms_median)" "$(json "$R" apply_grids_changed)" "$(json "$R" apply_s)" \
  "$(json "$R" as_of_read_ms)" "$(json "$R" current_read_ms)" "$(json "$R" as_of_ratio)" >>"$ROOT/docs/BENCHMARKS.md"
tail -n 1 "$ROOT/docs/BENCHMARKS.md"
