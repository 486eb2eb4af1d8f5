#!/usr/bin/env bash
# Start-up time and HTTP load of GET /locate on loopback, with wrk (Debian package wrk).
# Baseline in the same run: GET /actuator/health, the framework's floor for a request.
# Usage: bench/http-locate.sh [duration-seconds=30] [connections=32]
# ATLAS=DIR serves that atlas directory instead of the demo (e.g. the generated 100k atlas of
# `liuyu.bench.atlas.LoadMemory generate DIR 25000 4`, whose cells cover the same box as the random points);
# HEAP sets -Xms/-Xmx (default 512m). EXTRA adds service arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30}"
connections="${2:-32}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
./mvnw -q -DskipTests package
jar=$(ls target/liuyu-*-exec.jar | head -1)
port=18080
out=$(mktemp -d)

start=$(date +%s%N)
heap="${HEAP:-512m}"
atlas_args=()
[ -n "${ATLAS:-}" ] && atlas_args=(--liuyu.atlas.dir="$ATLAS")
# shellcheck disable=SC2086
java -Xms"$heap" -Xmx"$heap" -jar "$jar" --server.port=$port --logging.level.root=warn "${atlas_args[@]}" ${EXTRA:-} \
  > "$out/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
until curl -sf "http://127.0.0.1:$port/locate?lon=116.41&lat=39.92" > /dev/null; do
  kill -0 $pid 2>/dev/null || { cat "$out/service.log"; exit 1; }
  sleep 0.05
done
first=$(( ($(date +%s%N) - start) / 1000000 ))
echo "start-up to first /locate answer: ${first} ms (${ATLAS:-demo} atlas, JVM launch included)"

# Random points over Beijing's bounding box, a new one per request.
cat > "$out/locate.lua" <<'LUA'
math.randomseed(42)
request = function()
  local lon = 115.42 + math.random() * 2.09
  local lat = 39.44 + math.random() * 1.62
  return wrk.format("GET", string.format("/locate?lon=%.6f&lat=%.6f", lon, lat))
end
LUA

# warm-up, then the measured runs
wrk -t1 -c"$connections" -d10s -s "$out/locate.lua" "http://127.0.0.1:$port" > /dev/null
echo; echo "== GET /locate (random points), wrk -t1 -c$connections -d${duration}s --latency"
wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$out/locate.lua" "http://127.0.0.1:$port" | tee "$out/locate.txt"
echo; echo "== baseline GET /actuator/health, same settings"
wrk -t1 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port/actuator/health" | tee "$out/health.txt"
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
echo
awk -v a="$(rps "$out/locate.txt")" -v b="$(rps "$out/health.txt")" \
  'BEGIN { printf "locate: %.0f req/s; health baseline: %.0f req/s; ratio locate/health = %.2f\n", a, b, a / b }'
