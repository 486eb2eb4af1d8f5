#!/usr/bin/env bash
# Builds the service jar and the JMH benchmarks, then runs the benchmarks matching $1 (a JMH regex;
# default: all). Extra arguments go to JMH, e.g. bench/run.sh Locate -f 1 -wi 3 -i 5
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests install
(cd bench && ../mvnw -q -DskipTests package)
pattern="${1:-.}"
shift || true
java -jar bench/target/benchmarks.jar "$pattern" "$@"
