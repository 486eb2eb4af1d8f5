#!/usr/bin/env bash
# HJ 212 ingest (issue 25): N simulated stations (default 1,000) sending minute data over loopback TCP to a running
# service, then the same observations posted as HTTP JSON batches; packets/s, p99 send-to-acknowledgement, ratio.
# Usage: bench/hj212.sh [seconds-per-phase=30] [stations=1000] [http-clients=32]. Starts the service from
# target/classes (profile dev for the monitor user; liuyu.limits.heavy-concurrency raised to the HTTP clients so the
# baseline is not refused with 429); its log stays in target/hj212-service.log.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
stations="${2:-1000}"
clients="${3:-32}"
./mvnw -q -o -DskipTests test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/hj212-classpath.txt
cp="target/test-classes:target/classes:$(cat target/hj212-classpath.txt)"
port=18082
hjport=19212
out=$(mktemp -d)
java -cp "$cp" liuyu.stations.Hj212Bench registry "$out/stations.yaml" "$stations"
java -Xmx1g -cp "$cp" liuyu.LiuyuApplication --spring.profiles.active=dev --server.port=$port \
  --liuyu.records.dir="$out/data" --liuyu.quality.demo-observations=false --logging.level.root=warn --logging.level.liuyu.stations=info \
  --liuyu.limits.heavy-concurrency="$clients" \
  --liuyu.hj212.port=$hjport --liuyu.hj212.bind-address=127.0.0.1 --liuyu.hj212.stations="$out/stations.yaml" \
  > target/hj212-service.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
until curl -sf "http://127.0.0.1:$port/actuator/health" > /dev/null; do
  kill -0 $pid 2>/dev/null || { cat target/hj212-service.log; exit 1; }
  sleep 0.5
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$cp" liuyu.stations.Hj212Bench run $port $hjport "$stations" "$seconds" "$clients"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# judging runs behind the stores on its own thread: how far behind it was, and whether anything went unjudged
metric() { curl -s -u operator:operator "http://127.0.0.1:$port/actuator/metrics/$1" | sed -E 's/.*"value":([0-9.E]+).*/\1/'; }
echo "alarms: $(metric liuyu.alarms.pending) observations waiting to be judged at the end of the run"
for _ in $(seq 1 120); do [ "$(metric liuyu.alarms.pending)" = "0.0" ] && break; sleep 1; done
echo "alarms: $(metric liuyu.alarms.pending) waiting after up to 120 s more, $(metric liuyu.alarms.unjudged) left unjudged"
echo "connection-pool timeouts in the log: $(grep -c 'Could not open JDBC Connection' target/hj212-service.log || true)"
echo "service log: target/hj212-service.log, $(grep -c ' ERROR ' target/hj212-service.log || true) ERROR lines"
