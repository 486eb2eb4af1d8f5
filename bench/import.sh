#!/usr/bin/env bash
# Import speed: an N-polygon Shapefile (40 vertices each, EPSG:4548, GBK attributes) imported with `liuyu import`
# (a) into an atlas directory, side by side with plain ogr2ogr doing the same conversion (reprojection to lon/lat
# GeoJSON), and (b) into PostGIS on a throwaway PostgreSQL cluster, side by side with `ogr2ogr -f PostgreSQL` of
# the same file into the same database. Peak memory of each process from /usr/bin/time (max RSS); the import runs
# with a small fixed heap (-Xmx) to show it streams. Each pair runs back to back, ROUNDS times (default 2), with the
# load average before and after each round. CPU is each client process's user+system time (GDAL's child included on
# Liuyu's side); the PostgreSQL server's own work is not in it. Both sides into PostGIS, one transaction: GDAL 3.6
# creates its table's GiST index before loading; Liuyu loads a new table and builds its indexes after the rows, then
# swaps it in as the layer's partition of zone_feature (docs/postgis.md).
# Usage: bench/import.sh [N] (default 100000); APP=jar [CDS=archive] runs the import from a jar, as users do (the
# exec jar, or the extracted jar and its class-data-sharing archive of docs/scale.md; CDS=import: the archive a first
# import writes, docs/import.md); JVM= adds JVM options. Needs gdal-bin,
# postgresql-15-postgis-3 and a compiled tree (./mvnw compile). Run as root (the cluster runs as user postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
HEAP=${HEAP:-256m}
work=$(mktemp -d /tmp/liuyu-bench-import-XXXX)
pgbin=/usr/lib/postgresql/15/bin
port=$((20000 + RANDOM % 20000))
cleanup() {
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -w -m fast stop > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
shapefile() { # N PATH: an N-polygon Shapefile of 40-vertex circles, EPSG:4548, GBK attributes
  python3 - "$1" > "$work/src.geojsonl" <<'PY'
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
  ogr2ogr -f "ESRI Shapefile" -a_srs EPSG:4326 -t_srs EPSG:4548 -lco ENCODING=GBK "$2" "$work/src.geojsonl"
}
shapefile "$N" "$work/big.shp"
cp_file="$work/cp.txt"
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile="$cp_file" > /dev/null
CP="${CLASSES:-target/classes}:$(cat "$cp_file")" # CLASSES= a snapshot of the classes, to keep compiling meanwhile

# a throwaway cluster (fsync off, as the tests' cluster), PostGIS in database postgres
chmod 755 "$work" # the cluster runs as postgres, which must reach its directory
mkdir -p "$work/pg" && chown postgres:postgres "$work/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth=trust > /dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -w -l "$work/pg/log" \
  -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c log_statement_stats=on -c log_line_prefix=%p/" start > /dev/null
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE EXTENSION postgis" postgres
# ogr2ogr writes into a database of its own: Flyway refuses a non-empty schema it has no history for
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE ogr" postgres
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE EXTENSION postgis" ogr

timed() { # label, command...: wall seconds, max RSS (KB) and CPU seconds (user, system; children included) into $work/<label>
  local label=$1; shift
  local from; from=$(wc -c < "$work/pg/log")
  /usr/bin/time -f "%e %M %U %S" -o "$work/$label.time" "$@" > "$work/$label.log" 2>&1 || { cat "$work/$label.log"; exit 1; }
  tail -c +$((from + 1)) "$work/pg/log" > "$work/$label.server" # the server's usage statistics meanwhile
}
# APP= a jar to run instead of the class tree (the exec jar, or the extracted one of docs/scale.md), CDS= its archive,
# JVM= more JVM options (word-split)
# shellcheck disable=SC2206
jvm=(${JVM:-})
launch=(java "-Xmx$HEAP" "${jvm[@]}" -cp "$CP" liuyu.LiuyuApplication)
mapping=(--layer=bench --map id=编号 --map nameZh=名称 --method=synthetic --source=bench --licence=CC0-1.0 --accuracy=synthetic)
if [[ -n "${APP:-}" ]]; then
  if [[ "${CDS:-}" == import ]]; then # an archive written by a first import, as docs/import.md says: 10 polygons, own database
    shapefile 10 "$work/small.shp"
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE training" postgres
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE EXTENSION postgis" training
    CDS="$work/import.jsa"
    java -XX:ArchiveClassesAtExit="$CDS" -jar "$APP" import "$work/small.shp" "${mapping[@]}" \
      --db-url="jdbc:postgresql://127.0.0.1:$port/training" --db-user=postgres > "$work/training.log" 2>&1
  fi
  launch=(java "-Xmx$HEAP" "${jvm[@]}" ${CDS:+"-XX:SharedArchiveFile=$CDS"} -jar "$APP")
fi
import=("${launch[@]}" import "$work/big.shp" "${mapping[@]}")
PARTS=${PARTS:-file pg} # PARTS=pg measures the PostGIS side only
ROUNDS=${ROUNDS:-2} # each pair back to back, ROUNDS times: the machine may be shared, so both sides see the same load
for r in $(seq 1 "$ROUNDS"); do
  uptime > "$work/load-$r"
  if [[ " $PARTS " == *" file "* ]]; then
    rm -rf "$work/ogr.geojson" "$work/atlas"
    timed "ogr-file-$r" ogr2ogr -f GeoJSON -t_srs EPSG:4326 -lco COORDINATE_PRECISION=8 "$work/ogr.geojson" "$work/big.shp" -oo ENCODING=GBK
    timed "liuyu-file-$r" "${import[@]}" --atlas="$work/atlas"
  fi
  timed "ogr-pg-$r" ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$port user=postgres dbname=ogr" -t_srs EPSG:4326 -nln ogr_bench \
    -overwrite -lco GEOMETRY_NAME=geom "$work/big.shp" -oo ENCODING=GBK
  timed "liuyu-pg-$r" "${import[@]}" --db-url="jdbc:postgresql://127.0.0.1:$port/postgres" --db-user=postgres
  uptime >> "$work/load-$r"
done
rows_ogr=$(psql -h 127.0.0.1 -p "$port" -U postgres -Atc "SELECT count(*) FROM ogr_bench" ogr)
rows_liuyu=$(psql -h 127.0.0.1 -p "$port" -U postgres -Atc "SELECT count(*) FROM zone_feature WHERE layer_id = 'bench'" postgres)
python3 - "$N" "$work" "$HEAP" "$rows_ogr" "$rows_liuyu" "$ROUNDS" <<'PY'
import os, re, sys
n, work, heap, rows_ogr, rows_liuyu, rounds = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
def t(label):
    wall, rss, user, system = open(f"{work}/{label}.time").read().split()
    return float(wall), int(rss) / 1024, float(user) + float(system)
def server(label): # CPU of the backends that worked meanwhile: each one's last cumulative total (log_statement_stats)
    total, pid = {}, None
    for line in open(f"{work}/{label}.server", errors="replace"):
        if "/" in line[:12] and line.split("/", 1)[0].isdigit():
            pid = line.split("/", 1)[0]
        m = re.search(r"\[([\d.]+) s user, ([\d.]+) s system total\]", line)
        if m and pid:
            total[pid] = float(m.group(1)) + float(m.group(2))
    return sum(total.values())
print(f"features: {n} polygons x 40 vertices (Shapefile, EPSG:4548, GBK); liuyu heap -Xmx{heap}")
for r in range(1, rounds + 1):
    loads = [l.split("load average:")[1].strip() for l in open(f"{work}/load-{r}").read().splitlines()]
    print(f"round {r} (load average before: {loads[0]}; after: {loads[-1]})")
    for what, ogr, liuyu in (("atlas directory (GeoJSON lon/lat)", "ogr-file", "liuyu-file"), ("PostGIS", "ogr-pg", "liuyu-pg")):
        if not os.path.exists(f"{work}/{ogr}-{r}.time"):
            continue
        (ow, orss, ocpu), (lw, lrss, lcpu) = t(f"{ogr}-{r}"), t(f"{liuyu}-{r}")
        line = (f"  {what}: ogr2ogr {ow:.1f} s ({n / ow:.0f}/s, CPU {ocpu:.1f} s, max RSS {orss:.0f} MB);"
                f" liuyu import {lw:.1f} s ({n / lw:.0f}/s, CPU {lcpu:.1f} s, max RSS {lrss:.0f} MB)"
                f" = {lw / ow:.2f}x ogr2ogr (CPU {lcpu / ocpu:.2f}x)")
        if what == "PostGIS":
            os_, ls_ = server(f"{ogr}-{r}"), server(f"{liuyu}-{r}")
            line += (f"; server CPU ogr2ogr {os_:.1f} s, liuyu {ls_:.1f} s;"
                     f" client+server CPU {(lcpu + ls_) / (ocpu + os_):.2f}x")
        print(line)
print(f"rows in PostGIS after the last round: ogr2ogr {rows_ogr}, liuyu {rows_liuyu}")
PY
