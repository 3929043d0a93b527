# Shared by bench/e2e-compare.sh and bin/bench-compare (sourced, bash): free loopback ports, waiting for a server's
# "boot success" line, starting a name server or broker of either implementation (TideMQ from this checkout,
# Apache RocketMQ 5.2.0 from bench/apache-anchor/target/apache-lib), and reading a process's CPU time and RSS
# from /proc. Callers define ROOT (checkout root) and APACHE_LIB, keep a PIDS array and kill it on exit.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }

wait_line() { # file pattern pid timeout_s -> echoes ms when seen
  local deadline=$(( $(now_ms) + $4 * 1000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if grep -q "$2" "$1" 2>/dev/null; then now_ms; return 0; fi
    kill -0 "$3" 2>/dev/null || { echo "process $3 died before '$2'; see $1" >&2; return 1; }
    sleep 0.01
  done
  echo "no '$2' in $1 within $4 s" >&2; return 1
}

# Starts a name server in the background on 127.0.0.1:port, logs in dir; sets LAUNCHED_PID. Does not wait.
launch_namesrv() { # impl(tidemq|apache) dir port jvm_opts
  local impl=$1 dir=$2
  mkdir -p "$dir/home"
  printf 'listenPort=%s\nbindAddress=127.0.0.1\nkvConfigPath=%s/kvConfig.json\n' "$3" "$dir" > "$dir/namesrv.properties"
  if [ "$impl" = tidemq ]; then
    JAVA_OPT="$4" TIDEMQ_LOG_DIR="$dir/logs" sh "$ROOT/bin/mqnamesrv" -c "$dir/namesrv.properties" \
      > "$dir/namesrv.out" 2>&1 &
  else
    # shellcheck disable=SC2086
    ROCKETMQ_HOME="$dir/home" java $4 -Duser.home="$dir/home" -cp "$APACHE_LIB/*" \
      org.apache.rocketmq.namesrv.NamesrvStartup -c "$dir/namesrv.properties" > "$dir/namesrv.out" 2>&1 &
  fi
  LAUNCHED_PID=$!
}

# Starts a broker in the background from a properties file (output to out_file); sets LAUNCHED_PID (the broker JVM:
# bin/mqbroker execs java). Does not wait. TideMQ gets extra_tidemq_opts appended.
launch_broker() { # impl(tidemq|apache) properties_file out_file home_dir jvm_opts
  local impl=$1
  mkdir -p "$4"
  if [ "$impl" = tidemq ]; then
    JAVA_OPT="$5 ${TIDEMQ_EXTRA_OPTS:-}" TIDEMQ_LOG_DIR="$4/logs" sh "$ROOT/bin/mqbroker" -c "$2" > "$3" 2>&1 &
  else
    # shellcheck disable=SC2086
    ROCKETMQ_HOME="$4" java $5 -Duser.home="$4" -cp "$APACHE_LIB/*" \
      org.apache.rocketmq.broker.BrokerStartup -c "$2" > "$3" 2>&1 &
  fi
  LAUNCHED_PID=$!
}

proc_cpu_ticks() { # pid -> utime+stime in clock ticks (fields 14 and 15 of /proc/PID/stat, after the "(comm)")
  sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $12 + $13 }'
}

proc_rss_kib() { # pid -> VmRSS in KiB (0 once gone)
  awk '/^VmRSS:/ { print $2; found = 1 } END { if (!found) print 0 }' "/proc/$1/status" 2>/dev/null || echo 0
}
