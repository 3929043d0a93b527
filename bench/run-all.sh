#!/usr/bin/env bash
# Every benchmark behind docs/benchmarks.md, one after another on a quiet machine, each with its Apache RocketMQ 5.2.0
# anchor measured in the same run. Output: bench-results/<UTC timestamp>/ (one log per part) and a summary on stdout.
#   1. JMH: remoting codec, TideMQ vs Apache (RemotingCodecBenchmark, ApacheRemotingCodecBenchmark), and the CommitLog
#      append lock choice (AppendLockBenchmark)
#   2. bench/store-bench.sh: store append/flush/heap/read figures + Apache's DefaultMessageStore
#   3. bench/namesrv-compare.sh: NameServer route lookups/s and RSS, TideMQ vs Apache
#   4. bench/e2e-compare.sh: the official client's sends and consumption against both brokers, with CPU and RSS
# Usage: bench/run-all.sh   (builds first; about 30 minutes on 2 cores)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT="$ROOT/bench-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

echo "building (with the opt-in apache-anchor profile) ..."
mvn -B -q -Papache-anchor -DskipTests package
mvn -B -q -f bench/apache-anchor/pom.xml -Papache-anchor package

{
  echo "date: $(date -u)"
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
  echo "kernel: $(uname -r); java: $(java -version 2>&1 | head -1)"
  echo "disk: $(df -hT /var/tmp | tail -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
} | tee "$OUT/environment.txt"

echo "== 1. JMH: codec (TideMQ and Apache) and append lock"
java -cp "bench/target/lib/*" org.openjdk.jmh.Main "RemotingCodecBenchmark|AppendLockBenchmark" \
  -f 1 -wi 3 -w 2s -i 5 -r 2s -rf text -rff "$OUT/jmh-codec-lock.txt" > "$OUT/jmh-codec-lock.log" 2>&1
cat "$OUT/jmh-codec-lock.txt"

echo "== 2. store"
DATA_DIR=$(mktemp -d /var/tmp/tidemq-store-bench.XXXXXX) bench/store-bench.sh > "$OUT/store.log" 2>&1 || true
sed -n '/=== summary/,$p' "$OUT/store.log"

echo "== 3. NameServer"
bench/namesrv-compare.sh > "$OUT/namesrv.log" 2>&1 || true
cat "$OUT/namesrv.log"

echo "== 4. End to end: official client, TideMQ broker vs Apache broker"
bench/e2e-compare.sh > "$OUT/e2e.log" 2>&1 || true
sed -n '/== Summary/,/per-run lines/p' "$OUT/e2e.log"

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"
echo "results in $OUT"
