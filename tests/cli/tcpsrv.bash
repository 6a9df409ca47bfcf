# Sourced (after common.bash) by tests that serve indexes with xapian-tcpsrv on 127.0.0.1: picks free
# ports (tcpsrv has no --port 0), waits until a server answers, and stops every server at exit. Each
# server runs in a session of its own: on SIGTERM tcpsrv kills its whole process group (its forked
# children), which would otherwise be the test and CTest.
TCPSRV_PIDS=()

# stop_tcpsrv PORT : stops the server on PORT and the children it forked for open connections.
stop_tcpsrv() {
  local pidfile="$WORK/tcpsrv.$1.pid" pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  kill -- "-$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rm -f "$pidfile"
}

stop_all_tcpsrv() {
  local f
  for f in "$WORK"/tcpsrv.*.pid; do
    [ -f "$f" ] || continue
    f=${f##*/tcpsrv.}
    stop_tcpsrv "${f%.pid}"
  done
}
trap 'stop_all_tcpsrv; rm -rf "$WORK"' EXIT

# need_tcpsrv : exits 77 (skipped) when xapian-tools is not installed (install-deps.sh installs it).
need_tcpsrv() {
  if ! command -v xapian-tcpsrv >/dev/null; then
    echo "SKIPPED (xapian-tcpsrv not installed: apt-get install xapian-tools)"
    exit 77
  fi
}

# free_port : a TCP port of 127.0.0.1 nobody listens on now (the kernel's choice for port 0).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# port_answers PORT : true when something accepts connections on 127.0.0.1:PORT.
port_answers() {
  python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$1" 2>/dev/null
}

# start_on PORT PROGRAM ARGS... : starts a Xapian server (xapian-tcpsrv, xapian-replicate-server) on
# 127.0.0.1:PORT (ARGS come after --interface and --port) and waits until it answers; fails (status 1)
# when it exits first (e.g. the port was taken meanwhile).
start_on() {
  local port=$1 program=$2 i pid
  shift 2
  setsid "$program" --interface 127.0.0.1 --port "$port" "$@" >"$WORK/tcpsrv.$port.log" 2>&1 &
  pid=$!
  echo "$pid" >"$WORK/tcpsrv.$port.pid"
  for i in $(seq 1 200); do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null
      rm -f "$WORK/tcpsrv.$port.pid"
      return 1
    fi
    port_answers "$port" && return 0
    sleep 0.05
  done
  stop_tcpsrv "$port"
  return 1
}

# serve_on PORT [TCPSRV OPTIONS...] DB... : xapian-tcpsrv on PORT.
serve_on() {
  local port=$1
  shift
  start_on "$port" xapian-tcpsrv --quiet "$@"
}

# start_free VAR PROGRAM ARGS... : start_on a free port (retrying when another process takes the port
# between the choice and the bind); sets VAR to the port (locals are _-named so VAR is not shadowed).
start_free() {
  local _var=$1 _attempt _port
  shift
  for _attempt in 1 2 3 4 5 6 7 8 9 10; do
    _port=$(free_port)
    if start_on "$_port" "$@"; then
      printf -v "$_var" '%s' "$_port"
      return 0
    fi
  done
  fail "$2 did not start: $(cat "$WORK/tcpsrv.$_port.log" 2>/dev/null)"
  return 1
}

# serve VAR [TCPSRV OPTIONS...] DB... : xapian-tcpsrv on a free port, which VAR is set to.
serve() {
  local var=$1
  shift
  start_free "$var" xapian-tcpsrv --quiet "$@"
}

# serve_again PORT [TCPSRV OPTIONS...] DB... : restarts a server on the port it had (a shard coming
# back); retries while the old socket lingers.
serve_again() {
  local port=$1 attempt
  shift
  for attempt in $(seq 1 40); do
    serve_on "$port" "$@" && return 0
    sleep 0.25
  done
  fail "xapian-tcpsrv did not start again on port $port: $(cat "$WORK/tcpsrv.$port.log" 2>/dev/null)"
  return 1
}

# serve_shards STUB DB... : serves each DB with xapian-tcpsrv on a free port, sets PORTS to the ports
# in DB order, and writes STUB with one `remote` line per shard.
serve_shards() {
  local stub=$1 db port
  shift
  PORTS=()
  : >"$stub"
  for db in "$@"; do
    serve port "$db" || return 1
    PORTS+=("$port")
    printf 'remote 127.0.0.1:%s\n' "$port" >>"$stub"
  done
}

# split_corpus : links every other record file of the real corpus into $WORK/part1 and $WORK/part2
# (two shards' worth); sets CORPUS_FILES to how many there are.
split_corpus() {
  local f
  mkdir -p "$WORK/part1" "$WORK/part2"
  CORPUS_FILES=0
  for f in "$SHARED"/corpus/pfocr/*.md; do
    ln -s "$f" "$WORK/part$((CORPUS_FILES % 2 + 1))/"
    CORPUS_FILES=$((CORPUS_FILES + 1))
  done
}
