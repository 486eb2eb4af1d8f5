#!/usr/bin/env bash
# Read latency with and without 4 clients sending maximal /checks batches (issue 22).
# Usage: bench/soak.sh [seconds-per-phase=60] [readers=8]. Starts the service from target/classes;
# its log stays in target/soak-service.log.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
readers="${2:-8}"
./mvnw -q -DskipTests test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/soak-classpath.txt
cp="target/test-classes:target/classes:$(cat target/soak-classpath.txt)"
port=18081
out=$(mktemp -d)
java -Xmx1g -cp "$cp" liuyu.LiuyuApplication --server.port=$port --liuyu.records.dir="$out/data" \
  --liuyu.quality.demo-observations=false --logging.level.root=warn > target/soak-service.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
until curl -sf "http://127.0.0.1:$port/actuator/health" > /dev/null; do
  kill -0 $pid 2>/dev/null || { cat target/soak-service.log; exit 1; }
  sleep 0.5
done
java -cp "$cp" liuyu.api.guard.Soak $port "$seconds" "$readers"
echo "service log: target/soak-service.log, $(grep -c ' ERROR ' target/soak-service.log || true) ERROR lines"
