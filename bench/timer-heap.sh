#!/usr/bin/env bash
# Heap cost of pending timers on a real broker (issue 7 item 3: 1,000,000 pending timers in < 64 MiB of heap).
#   1. starts a name server and a broker through bin/ on free 127.0.0.1 ports, the broker with a FIXED 64 MiB heap
#      (-Xms64m -Xmx64m, SerialGC) and its store in a fresh temp dir;
#   2. sends timers due in 1 h with `bin/benchmark timerProducer --async --deliver-after-ms 3600000` until the
#      broker's timer queue (rmq_sys_wheel_timer) holds TIMERS of them, then stops the load;
#   3. waits until the broker has indexed them all (its timerwheel/timerlog covers TIMERS entries), runs a full GC in
#      the broker (jcmd GC.run) and reads the used heap (jcmd GC.heap_info); prints the figures and the sizes of the
#      off-heap timer files.
# A broker that cannot hold the timers in 64 MiB dies with OutOfMemoryError (reported as a failure).
#
# Usage: bench/timer-heap.sh
#   TIMERS=1000000          pending timers to reach (default 1,000,000)
#   TIDEMQ_BUILD_DIR=/tmp/b use a private build output (mvn -Dtidemq.buildDir); default: the modules' target/
#   REBUILD=1               rebuild tools, broker and namesrv first (done anyway when their lib dirs are missing)
#   KEEP_DATA=1             keep the temp dir (store, logs) afterwards
#   LOAD_OPTS="..."         the load's bin/benchmark options (default: --async --async-window 512 -w 4 -s 128);
#                           e.g. "--async --async-window 256 -w 16 -s 1024 --batch 64" for the acceptance rate
# Besides the heap, it prints the rate at which the broker parked AND indexed the timers (count / seconds until the
# wheel covered them): a lower bound of the acceptance rate, since indexing runs behind the sends.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TIMERS=${TIMERS:-1000000}
TOPIC=TimerHeapBench
LOAD_OPTS=${LOAD_OPTS:---async --async-window 512 -w 4 -s 128}
if [ -n "${TIDEMQ_BUILD_DIR:-}" ]; then
  LIB_OF() { echo "$TIDEMQ_BUILD_DIR/tidemq-$1/lib"; }
  MVN_BUILD_DIR=("-Dtidemq.buildDir=$TIDEMQ_BUILD_DIR")
else
  LIB_OF() { echo "$ROOT/$1/target/lib"; }
  MVN_BUILD_DIR=()
fi
if [ "${REBUILD:-0}" = "1" ] || [ ! -d "$(LIB_OF tools)" ] || [ ! -d "$(LIB_OF broker)" ] \
    || [ ! -d "$(LIB_OF namesrv)" ]; then
  (cd "$ROOT" && mvn -B -q "${MVN_BUILD_DIR[@]}" -DskipTests -pl tools,broker,namesrv -am package)
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

WORK=$(mktemp -d /var/tmp/tidemq-timer-heap.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  sleep 2
  for pid in "${PIDS[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "${KEEP_DATA:-0}" != "1" ]; then
    rm -rf "$WORK"
  else
    echo "kept $WORK"
  fi
}
trap cleanup EXIT
trap "exit 130" INT TERM

NAMESRV_PORT=$(free_port)
BROKER_PORT=$(free_port)
cat > "$WORK/namesrv.properties" <<EOF
listenPort=$NAMESRV_PORT
bindAddress=127.0.0.1
kvConfigPath=$WORK/namesrv/kvConfig.json
EOF
cat > "$WORK/broker.properties" <<EOF
brokerClusterName=TimerHeapCluster
brokerName=broker-timer-heap
listenPort=$BROKER_PORT
haListenPort=$((BROKER_PORT + 1))
brokerIP1=127.0.0.1
brokerIP2=127.0.0.1
namesrvAddr=127.0.0.1:$NAMESRV_PORT
storePathRootDir=$WORK/store
waitTimeMillsInSendQueue=5000
EOF
NAMESRV=127.0.0.1:$NAMESRV_PORT

export TIDEMQ_LOG_DIR=$WORK/logs
(cd "$WORK" && exec sh "$ROOT/bin/mqnamesrv" -c "$WORK/namesrv.properties" > "$WORK/namesrv.out" 2>&1) &
PIDS+=($!)
# The broker's heap is what is measured: fixed at 64 MiB, SerialGC (the lowest heap overhead).
(cd "$WORK" && JAVA_OPT="-server -Xms64m -Xmx64m -XX:+UseSerialGC -XX:MaxDirectMemorySize=256m \
    -XX:+ExitOnOutOfMemoryError" TIDEMQ_CDS=off exec sh "$ROOT/bin/mqbroker" -c "$WORK/broker.properties" \
    > "$WORK/broker.out" 2>&1) &
BROKER_PID=$!
PIDS+=("$BROKER_PID")
for _ in $(seq 1 60); do
  grep -q "boot success" "$WORK/broker.out" 2>/dev/null && break
  sleep 1
done
grep -q "boot success" "$WORK/broker.out" || { echo "broker did not start:"; cat "$WORK/broker.out"; exit 1; }
JAVA_PID=$(pgrep -P "$BROKER_PID" java || echo "$BROKER_PID")

mqadmin() { TIDEMQ_LOG_DIR=$WORK/logs sh "$ROOT/bin/mqadmin" "$@" -n "$NAMESRV" 2>/dev/null; }
mqadmin updateTopic -b "127.0.0.1:$BROKER_PORT" -t "$TOPIC" -r 8 -w 8 > /dev/null
# Timers the broker has parked and indexed: NEXT_QUEUE_OFFSET in the wheel file's header (TimerWheelLayout).
WHEEL=$WORK/store/timerwheel/timerwheel
indexed() {
  if [ -f "$WHEEL" ]; then
    od -A n -t d8 -j 24 -N 8 --endian=big "$WHEEL" | tr -d ' '
  else
    echo 0
  fi
}

echo "sending $TIMERS timers due in 1 h to a broker with -Xmx64m (pid $JAVA_PID) ..."
(cd "$WORK" && JAVA_OPT="-server -Xms256m -Xmx256m -XX:+UseG1GC" exec sh "$ROOT/bin/benchmark" timerProducer \
    -n "$NAMESRV" -t "$TOPIC" $LOAD_OPTS -d 3600 --deliver-after-ms 3600000 \
    > "$WORK/benchmark.out" 2>&1) &
LOAD_PID=$!
PIDS+=("$LOAD_PID")
START=$(date +%s)
while :; do
  sleep 5
  kill -0 "$JAVA_PID" 2>/dev/null || { echo "the broker died:"; tail -20 "$WORK/broker.out"; exit 1; }
  COUNT=$(indexed)
  echo "  $(( $(date +%s) - START )) s: ${COUNT:-0} timers parked and indexed"
  [ "${COUNT:-0}" -ge "$TIMERS" ] && break
done
PARKED_SECONDS=$(( $(date +%s) - START ))
kill "$LOAD_PID" 2>/dev/null || true
sleep 3
kill -9 "$LOAD_PID" 2>/dev/null || true
# Sends still in flight when the load stopped are indexed within moments: wait until the count holds for 3 s.
LOG_DIR=$WORK/store/timerwheel/timerlog
INDEXED=$(indexed)
for _ in $(seq 1 60); do
  sleep 3
  NOW_INDEXED=$(indexed)
  [ "$NOW_INDEXED" = "$INDEXED" ] && break
  INDEXED=$NOW_INDEXED
done
jcmd "$JAVA_PID" GC.run > /dev/null
jcmd "$JAVA_PID" GC.run > /dev/null
HEAP=$(jcmd "$JAVA_PID" GC.heap_info)
USED_KB=$(echo "$HEAP" | grep -E "generation|space" | grep -oE "used [0-9]+K" | head -2 | grep -oE "[0-9]+" \
    | awk '{s+=$1} END {print s}')
echo "$HEAP" > "$WORK/heap_info.txt"
echo
echo "=== pending timers vs broker heap ==="
echo "timers parked in rmq_sys_wheel_timer and indexed by the wheel, due in 1 h: $INDEXED"
echo "load generator ($LOAD_OPTS): $(grep -E "^\[ *[0-9]+ s\]" "$WORK/benchmark.out" | tail -1)"
echo "parked and indexed: ${COUNT:-0} timers in ${PARKED_SECONDS} s = $(( ${COUNT:-0} / (PARKED_SECONDS > 0 ? PARKED_SECONDS : 1) )) timers/s (5 s polling)"
echo "broker heap after full GC (young + old, -Xmx64m): $((USED_KB / 1024)) MiB (${USED_KB} KiB)"
echo "off-heap timer files: timerlog $(du -sh "$LOG_DIR" | cut -f1), timerwheel $(du -sh \
    "$WORK/store/timerwheel/timerwheel" | cut -f1) (sparse)"
echo "jcmd GC.heap_info:"
echo "$HEAP" | sed 's/^/  /'
