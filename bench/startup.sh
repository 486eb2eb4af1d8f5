#!/usr/bin/env bash
# Start-up to the first answer: the service from `java -jar` (the baseline) against the same build extracted and
# started with a class-data-sharing archive (docs/scale.md, "Fast start"), each round a fresh JVM, one after the
# other. Prints, per round, the milliseconds from launch to the first 200 of GET /locate and the JVM's CPU time
# (user + system) at that moment; then the medians and the ratio CDS / plain.
# Usage: bench/startup.sh [ROUNDS=5]. ATLAS=DIR serves that atlas directory (default: the demo atlas, gis);
# HEAP sets -Xmx (default 1g); EXTRA adds service arguments (default --spring.profiles.active=dev).
# AOT_JAVA=/path/to/jdk-25/bin/java adds a third way: the extracted jar on that JDK with its ahead-of-time cache
# (docs/scale.md), trained the same way as the CDS archive.
# The atlas's snapshot file is written by a first, unmeasured start, so every measured start reads it. A training
# start that fails (it still leaves an archive behind) stops the script: its archive would hold the wrong classes.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
atlas="${ATLAS:-gis}"
heap="${HEAP:-1g}"
extra="${EXTRA:---spring.profiles.active=dev}"
./mvnw -q -DskipTests package
jar=$(ls target/liuyu-*-exec.jar | head -1)
work=$(mktemp -d /tmp/liuyu-bench-startup-XXXX)
trap 'rm -rf "$work"' EXIT
records="$work/records" # the H2 records and the atlas snapshot file, shared by every start

# The extracted layout and its archive, as docs/scale.md tells users to make them.
java -Djarmode=tools -jar "$jar" extract --destination "$work/app" > /dev/null
app="$work/app/$(basename "$jar")"
trained() { # STATUS LOG ARCHIVE: stops unless the training start came up (status 0) and left its archive
  if [ "$1" != 0 ] || grep -q "APPLICATION FAILED TO START" "$2" || [ ! -f "$3" ]; then
    cat "$2" >&2; echo "training start failed: $2" >&2; exit 1
  fi
}
# shellcheck disable=SC2086
java -XX:ArchiveClassesAtExit="$work/app/liuyu.jsa" -Dspring.context.exit=onRefresh -jar "$app" \
  --server.port=0 --liuyu.records.dir="$work/training" $extra > "$work/training.log" 2>&1 && status=0 || status=$?
trained "$status" "$work/training.log" "$work/app/liuyu.jsa"
aot_java="${AOT_JAVA:-}"
if [ -n "$aot_java" ]; then
  # shellcheck disable=SC2086
  "$aot_java" -XX:AOTCacheOutput="$work/app/liuyu.aot" -Dspring.context.exit=onRefresh -jar "$app" \
    --server.port=0 --liuyu.records.dir="$work/training-aot" $extra > "$work/training-aot.log" 2>&1 \
    && status=0 || status=$?
  trained "$status" "$work/training-aot.log" "$work/app/liuyu.aot"
fi

# One start: launch, poll /locate, print "ms cpu-seconds", stop.
start_once() {
  local port=$((20000 + RANDOM % 20000))
  local t0 pid
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  "${JAVA_BIN:-java}" -Xmx"$heap" "$@" --server.port=$port --liuyu.atlas.dir="$atlas" --liuyu.records.dir="$records" \
    --logging.level.root=warn $extra > "$work/service.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/locate?lon=116.41&lat=39.92" > /dev/null; do
    kill -0 $pid 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
    sleep 0.02
  done
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  local cpu
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' /proc/$pid/stat)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$ms $cpu"
}

start_once -jar "$jar" > /dev/null # writes the snapshot file
echo "atlas: $atlas; $(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-28s %-28s %s\n' round "java -jar (ms, CPU s)" "extracted + CDS (ms, CPU s)" \
  "${aot_java:+extracted + AOT cache on $("$aot_java" -version 2>&1 | head -1) (ms, CPU s)}"
: > "$work/plain"; : > "$work/cds"; : > "$work/aot"
for r in $(seq 1 "$rounds"); do
  plain=$(start_once -jar "$jar")
  cds=$(start_once -XX:SharedArchiveFile="$work/app/liuyu.jsa" -jar "$app")
  aot=""
  if [ -n "$aot_java" ]; then
    aot=$(JAVA_BIN="$aot_java" start_once -XX:AOTCache="$work/app/liuyu.aot" -jar "$app")
    echo "$aot" >> "$work/aot"
  fi
  echo "$plain" >> "$work/plain"; echo "$cds" >> "$work/cds"
  printf '%-6s %-28s %-28s %s\n' "$r" "$plain" "$cds" "$aot"
done
median() { sort -n -k"$2" "$1" | awk -v k="$2" '{v[NR]=$k} END {print v[int((NR+1)/2)]}'; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v pm="$(median "$work/plain" 1)" -v cm="$(median "$work/cds" 1)" \
    -v pc="$(median "$work/plain" 2)" -v cc="$(median "$work/cds" 2)" 'BEGIN {
  printf "median to first answer: java -jar %d ms, extracted + CDS %d ms (ratio %.2f)\n", pm, cm, cm / pm
  printf "median CPU at first answer: java -jar %.2f s, extracted + CDS %.2f s (ratio %.2f)\n", pc, cc, cc / pc }'
if [ -n "$aot_java" ]; then
  awk -v pm="$(median "$work/plain" 1)" -v am="$(median "$work/aot" 1)" \
      -v pc="$(median "$work/plain" 2)" -v ac="$(median "$work/aot" 2)" 'BEGIN {
    printf "median with the AOT cache: %d ms to first answer (ratio to java -jar %.2f), CPU %.2f s (ratio %.2f)\n", am, am / pm, ac, ac / pc }'
fi
