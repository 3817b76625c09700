#!/usr/bin/env bash
# The web map's first render at the city view (target ≤ 2 s on loopback) in Debian's chromium, fresh
# browser context each run, and the bytes it loads (scripts, styles, tiles, glyphs): the bundle size.
# Usage: bench/webmap.sh [runs]. Appends the figures to docs/BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-5}
PORT=${PORT:-5098}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

dotnet build -c Release -v q --nologo "$ROOT/bench/GeoGrid.Bench" >/dev/null
source "$ROOT/bench/common.sh"
serve
RESULT=$("$ROOT/bench/GeoGrid.Bench/bin/Release/net10.0/GeoGrid.Bench" first-render "http://127.0.0.1:$PORT" "$RUNS")
echo "$RESULT"
line=$(python3 - "$RESULT" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); b = r["bytes"]; kb = lambda k: b.get(k, 0) / 1024
print(f"web map first render at the city view (z9.6, 1400×900, chromium + SwiftShader, fresh context, {r['runs']} runs): "
      f"median **{r['median_ms'] / 1000:.2f} s**, slowest {r['max_ms'] / 1000:.2f} s (target ≤ 2 s) — scripts in at {r['scripts_loaded_ms'] / 1000:.2f} s, "
      f"style at {r['style_loaded_ms'] / 1000:.2f} s, idle at {r['idle_ms'] / 1000:.2f} s; loaded: scripts {kb('scripts'):,.0f} KB, "
      f"styles {kb('styles'):,.0f} KB, tiles {kb('tiles'):,.0f} KB, glyphs {kb('glyphs'):,.0f} KB, other {kb('other'):,.0f} KB (uncompressed bodies)")
PY
)
printf -- '- %s · %s cores · %s\n' "$(date -u +%F)" "$(nproc)" "$line" >>"$ROOT/docs/BENCHMARKS.md"
tail -n1 "$ROOT/docs/BENCHMARKS.md"
