#!/usr/bin/env bash
# Rebuild the Liuyu demo atlas (gis/layers/*.geojson, gis/atlas.yaml) from registry packages only:
#   Debian gmt + gmt-gshhg-full (GSHHG 2.3.7), npm echarts@4.9.0, and the project's own Java code.
# Run from anywhere; needs gmt, node/npm, Java 17 and network access to the npm and Maven registries
# (or warm caches).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "== GSHHG (gmt coast) into $WORK"
cd "$WORK"   # gmt may leave gmt.history / gmt.conf in the working directory
# Miyun reservoir: WDBII lake pieces cut at bin edges, joined into one closed outline
gmt coast -R116.6/117.3/40.3/40.7 -Df -M -W -A0/2/2 | gmt connect -T0.001 > miyun.txt
# Guanting reservoir: the closed polygon goes to the -C file
gmt coast -R115.4/116.0/40.1/40.5 -Df -M -W -A0/2/2 | gmt connect -T0.01 -Cguanting.txt > /dev/null
# all WDBII rivers of the Beijing region
gmt coast -R115.3/117.8/39.3/41.2 -Df -Ia -M > rivers.txt

echo "== echarts@4.9.0 districts"
npm pack --silent echarts@4.9.0 > /dev/null
tar xzf echarts-4.9.0.tgz package/map/json/province/beijing.json
node "$HERE/decode-echarts.js" "$WORK/package/map/json/province/beijing.json" > "$WORK/districts_gcj02.txt"

echo "== project classpath"
cd "$REPO"
./mvnw -q compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt"
CP="$REPO/target/classes:$(cat "$WORK/cp.txt")"

echo "== DemoAtlas"
java -cp "$CP" "$HERE/DemoAtlas.java" "$WORK" "$REPO/gis"

echo "== RuleZones (zone layers for the protection rules, appended to atlas.yaml)"
java -cp "$CP" "$HERE/RuleZones.java" "$REPO/gis"

echo "== CheckAtlas"
java -cp "$CP" "$HERE/CheckAtlas.java" "$REPO/gis"
