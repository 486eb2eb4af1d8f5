#!/usr/bin/env bash
# Import speed: an N-polygon Shapefile (40 vertices each, EPSG:4548, GBK attributes) into an atlas directory
# with `liuyu import`, side by side with plain ogr2ogr doing the same conversion (reprojection to lon/lat
# GeoJSON). Usage: bench/import.sh [N] (default 100000). Needs gdal-bin and a compiled tree (./mvnw compile).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
work=$(mktemp -d /tmp/liuyu-bench-import-XXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$N" > "$work/src.geojsonl" <<'PY'
import json, math, sys
n = int(sys.argv[1])
side = int(math.ceil(math.sqrt(n)))
for i in range(n):
    cx = 116.0 + (i % side) * 0.004
    cy = 39.6 + (i // side) * 0.004
    ring = [[cx + 0.0015 * math.cos(2 * math.pi * k / 39), cy + 0.0015 * math.sin(2 * math.pi * k / 39)] for k in range(39)]
    ring.append(ring[0])
    print(json.dumps({"type": "Feature", "properties": {"编号": "p%d" % i, "名称": "区块%d" % i},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}}, ensure_ascii=False))
PY
ogr2ogr -f "ESRI Shapefile" -a_srs EPSG:4326 -t_srs EPSG:4548 -lco ENCODING=GBK "$work/big.shp" "$work/src.geojsonl"
cp_file="$work/cp.txt"
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile="$cp_file" > /dev/null
CP="target/classes:$(cat "$cp_file")"

t0=$(date +%s.%N)
ogr2ogr -f GeoJSON -t_srs EPSG:4326 -lco COORDINATE_PRECISION=8 "$work/ogr.geojson" "$work/big.shp" -oo ENCODING=GBK
t1=$(date +%s.%N)
java -Xmx4g -cp "$CP" liuyu.LiuyuApplication import "$work/big.shp" --atlas="$work/atlas" --layer=bench --map id=编号 --map nameZh=名称 \
  --method=synthetic --source=bench --licence=CC0-1.0 --accuracy=synthetic > "$work/import.log"
t2=$(date +%s.%N)
python3 - "$N" "$t0" "$t1" "$t2" <<'PY'
import sys
n, t0, t1, t2 = int(sys.argv[1]), *map(float, sys.argv[2:])
o, l = t1 - t0, t2 - t1
print(f"features: {n}")
print(f"ogr2ogr (shp 4548 -> GeoJSON lon/lat): {o:.1f} s, {n / o:.0f} features/s")
print(f"liuyu import into an atlas directory:  {l:.1f} s, {n / l:.0f} features/s  ({l / o:.2f}x ogr2ogr)")
PY
