#!/usr/bin/env bash
# The cluster of docker-compose.yml as processes on 127.0.0.1, for CI and for machines without Docker (docs/cluster.md).
#
#   deploy/local-cluster.sh up [--nodes N] [--dir DIR] [--port P] [--control-port C] [--journal J] [--pg-port Q]
#                              [--timeout S]
#   deploy/local-cluster.sh status [--dir DIR]
#   deploy/local-cluster.sh down [--dir DIR] [--grace S]
#
# `up` starts the journal's PostgreSQL, then N `meshsec node` processes configured as the compose services are, by
# MESHSEC_* variables: node 1 is the seed, on remoting port P and control port C; node i on P+i-1 and C+i-1. It waits
# until every node answers GET /health, then prints the seed's address and the command that runs a scenario on it.
# The journal: J ('memory' or 'postgres:CONNECTION-STRING'), else the server MESHSEC_CLUSTER_POSTGRES names (a
# connection string), else a private PostgreSQL started on 127.0.0.1:Q. Logs go to DIR/node-N.log, pids to DIR;
# `down` stops each process by its pid (SIGTERM, so a node leaves the cluster; SIGKILL after the grace period).
# meshsec is $MESHSEC_CLI (a meshsec.dll, or an executable) or else the Release build of src/MeshSecurity.Cli.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

nodes=3
dir="$repo/out/cluster"
port=4053
control_port=4080
journal=""
pg_port=5434
timeout=90
# seconds between SIGTERM and SIGKILL: docker-compose.yml's stop_grace_period, which outlasts the node's shutdown
# phases (a test in tests/MeshSecurity.Cli.Tests/Deploy keeps the two equal)
grace=90
# MESHSEC_TRANSPORT_FAULTS=1 (inherited by every node) puts Akka.Remote's throttler under the cluster, for
# `meshsec chaos node.partition | node.throttle`; it is part of the addresses, which the driver must be given
protocol=akka.tcp
case "${MESHSEC_TRANSPORT_FAULTS:-}" in 1 | true | on) protocol=akka.trttl.tcp ;; esac

usage() {
  echo "usage:" >&2
  sed -n '4,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

fail() {
  echo "local-cluster: $*" >&2
  exit 1
}

is_number() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

command_name=${1:-}
[ $# -gt 0 ] && shift
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "local-cluster: $1 needs a value" >&2; usage; }
  case "$1" in
    --nodes) nodes=$2 ;;
    --dir) dir=$2 ;;
    --port) port=$2 ;;
    --control-port) control_port=$2 ;;
    --journal) journal=$2 ;;
    --pg-port) pg_port=$2 ;;
    --timeout) timeout=$2 ;;
    --grace) grace=$2 ;;
    *) echo "local-cluster: unknown option $1" >&2; usage ;;
  esac
  shift 2
done
case "$command_name" in up | status | down) ;; *) usage ;; esac
is_number "$nodes" 1 50 || { echo "local-cluster: --nodes must be 1 to 50, got '$nodes'" >&2; usage; }
for value in "$port" "$control_port" "$pg_port"; do
  is_number "$value" 1 $((65535 - nodes + 1)) || { echo "local-cluster: bad port '$value'" >&2; usage; }
done
is_number "$timeout" 1 3600 || { echo "local-cluster: --timeout must be 1 to 3600 seconds" >&2; usage; }
is_number "$grace" 1 3600 || { echo "local-cluster: --grace must be 1 to 3600 seconds" >&2; usage; }
case "$journal" in
  "" | memory | postgres:?*) ;;
  *) echo "local-cluster: --journal must be memory or postgres:CONNECTION-STRING" >&2; usage ;;
esac
if [ $((port < control_port + nodes && control_port < port + nodes)) -eq 1 ]; then
  echo "local-cluster: the remoting ports $port.. and the control ports $control_port.. overlap" >&2
  usage
fi
if [ "$command_name" = up ]; then mkdir -p "$dir"; fi
if [ ! -d "$dir" ]; then
  echo "no cluster in $dir"
  if [ "$command_name" = down ]; then exit 0; else exit 1; fi
fi
dir=$(cd "$dir" && pwd)

# The state of a cluster that `up` started: its size, its ports and the program its nodes run.
state="$dir/cluster.state"

cli_path=${MESHSEC_CLI:-"$repo/src/MeshSecurity.Cli/bin/Release/net10.0/meshsec.dll"}
case "$cli_path" in *.dll) cli=(dotnet "$cli_path") ;; *) cli=("$cli_path") ;; esac
need_cli() {
  [ -e "$cli_path" ] || fail "meshsec is not built ($cli_path): run 'dotnet build MeshSecurity.sln -c Release' or set MESHSEC_CLI"
}

# Running, and not a zombie waiting for its parent to read its exit status.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ ! -r "/proc/$1/stat" ] || [ "$(cut -d' ' -f3 "/proc/$1/stat")" != Z ]
}

# The process PID runs a command line holding WORD: a pid file left from another boot may name somebody else's process.
runs() {
  local args
  if [ -r "/proc/$1/cmdline" ]; then args=$(tr '\0' ' ' <"/proc/$1/cmdline"); else args=$(ps -o args= -p "$1" 2>/dev/null || true); fi
  [[ "$args" == *"$2"* ]]
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

node_pid() { [ -f "$dir/node-$1.pid" ] && cat "$dir/node-$1.pid"; }

# What a node's command line holds: the name of the program `up` started (recorded, in case MESHSEC_CLI changed since).
node_program() {
  local recorded
  recorded=$(sed -n 's/^program=//p' "$state" 2>/dev/null || true)
  echo "${recorded:-$(basename "$cli_path")}"
}

# Sends SIGTERM to the given nodes' processes, waits up to the grace period for all of them, then SIGKILLs the rest.
stop_nodes() {
  local i pid waited=0 running=() program
  program=$(node_program)
  for i in "$@"; do
    pid=$(node_pid "$i") || continue
    if alive "$pid" && runs "$pid" "$program"; then
      kill -TERM "$pid" 2>/dev/null || true
      running+=("$i")
    fi
  done
  while [ ${#running[@]} -gt 0 ] && [ "$waited" -lt $((grace * 5)) ]; do
    local still=()
    for i in "${running[@]}"; do
      pid=$(node_pid "$i")
      if alive "$pid"; then still+=("$i"); else echo "node $i (pid $pid) stopped: left the cluster on SIGTERM"; fi
    done
    running=("${still[@]+"${still[@]}"}")
    [ ${#running[@]} -eq 0 ] || { sleep 0.2; waited=$((waited + 1)); }
  done
  for i in "${running[@]+"${running[@]}"}"; do
    pid=$(node_pid "$i")
    kill -KILL "$pid" 2>/dev/null || true
    echo "node $i (pid $pid) killed: still running ${grace} s after SIGTERM (see $dir/node-$i.log)" >&2
  done
  for i in "$@"; do rm -f "$dir/node-$i.pid"; done
}

stop_postgres() {
  local pg_dir pid
  [ -f "$dir/postgres.dir" ] || return 0
  pg_dir=$(cat "$dir/postgres.dir")
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    pid=$(head -1 "$pg_dir/data/postmaster.pid")
    if alive "$pid" && runs "$pid" postgres; then
      kill -INT "$pid" 2>/dev/null || true # fast shutdown: disconnects the clients, then exits
      for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done
      alive "$pid" && kill -KILL "$pid" 2>/dev/null
      echo "PostgreSQL (pid $pid) stopped"
    fi
  fi
  case "$pg_dir" in */meshsec-cluster-pg.*) rm -rf "$pg_dir" ;; esac
  rm -f "$dir/postgres.dir"
}

# Node numbers of the cluster in $dir, the seed last (it stops after the others, which joined through it).
recorded_nodes() {
  local n
  n=$(sed -n 's/^nodes=//p' "$state" 2>/dev/null || true)
  [ -n "$n" ] || n=$(find "$dir" -maxdepth 1 -name 'node-*.pid' | wc -l)
  [ "$n" -gt 0 ] && seq "$n" -1 1
  return 0
}

down() {
  local all=() i
  while read -r i; do all+=("$i"); done < <(recorded_nodes)
  if [ ${#all[@]} -eq 0 ] && [ ! -f "$dir/postgres.dir" ]; then
    echo "no cluster in $dir"
    return 0
  fi
  [ ${#all[@]} -le 1 ] || stop_nodes "${all[@]:0:${#all[@]}-1}"
  [ ${#all[@]} -eq 0 ] || stop_nodes "${all[@]: -1}"
  stop_postgres
  rm -f "$state"
}

# A PostgreSQL 15 or newer: the newest installed server's bin folder.
postgres_bin() {
  local bin version candidates=()
  command -v pg_config >/dev/null 2>&1 && candidates+=("$(pg_config --bindir)")
  while read -r bin; do candidates+=("$bin"); done < <(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -rV)
  command -v initdb >/dev/null 2>&1 && candidates+=("$(dirname "$(command -v initdb)")")
  for bin in "${candidates[@]+"${candidates[@]}"}"; do
    if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ] || [ ! -x "$bin/postgres" ]; then continue; fi
    version=$("$bin/postgres" --version | grep -Eo '[0-9]+' | head -1)
    [ "$version" -ge 15 ] && { echo "$bin"; return 0; }
  done
  return 1
}

# A private server on 127.0.0.1:$pg_port with role and database akka (as .ci/run starts one), in a folder of its own.
start_postgres() {
  local bin pg_dir as_postgres=()
  bin=$(postgres_bin) || fail "no PostgreSQL 15 or newer found (initdb, pg_ctl): install it (apt-get install postgresql)," \
    "or set MESHSEC_CLUSTER_POSTGRES to a server's connection string, or use --journal memory"
  ! port_in_use "$pg_port" || fail "port $pg_port on 127.0.0.1 is in use: choose another with --pg-port," \
    "or set MESHSEC_CLUSTER_POSTGRES to that server's connection string"
  # PostgreSQL refuses to run as root: root runs it as the postgres user, in a folder that user can reach
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || fail "running as root, but there is no postgres user to run PostgreSQL as"
  fi
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/meshsec-cluster-pg.XXXXXX")
  echo "$pg_dir" >"$dir/postgres.dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$pg_dir"
    as_postgres=(su postgres -s /bin/sh -c)
  else
    as_postgres=(sh -c)
  fi
  "${as_postgres[@]}" "$(printf '%q ' "$bin/initdb" -D "$pg_dir/data" -A trust -U postgres --no-sync)" \
    >"$pg_dir/initdb.log" 2>&1 || { tail -n 5 "$pg_dir/initdb.log" >&2; return 1; }
  "${as_postgres[@]}" "$(printf '%q ' "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start)" >/dev/null 2>&1 \
    || { tail -n 5 "$pg_dir/server.log" >&2; return 1; }
  "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "CREATE ROLE akka LOGIN PASSWORD 'akka'" \
    -c "CREATE DATABASE akka OWNER akka" >/dev/null || return 1
  echo "PostgreSQL started on 127.0.0.1:$pg_port ($pg_dir)"
}

# Starts node I in its own session (a Ctrl-C in this terminal does not reach it), configured by environment only.
start_node() {
  local i=$1 setsid=()
  command -v setsid >/dev/null 2>&1 && setsid=(setsid)
  (
    export MESHSEC_HOSTNAME=127.0.0.1 MESHSEC_BIND_HOSTNAME=127.0.0.1 MESHSEC_PORT=$((port + i - 1))
    export MESHSEC_SEEDS=$seed MESHSEC_ROLES=mesh MESHSEC_JOURNAL=$journal MESHSEC_CONTROL_PORT=$((control_port + i - 1))
    exec "${setsid[@]+"${setsid[@]}"}" "${cli[@]}" node >"$dir/node-$i.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/node-$i.pid"
}

health() { "${cli[@]}" status --control "http://127.0.0.1:$((control_port + $1 - 1))" 2>&1; }

# Waits until nodes FROM..TO answer /health, until the deadline; on failure shows the node's log and stops everything.
await_nodes() {
  local i pid
  for i in $(seq "$1" "$2"); do
    pid=$(node_pid "$i")
    until health "$i" >/dev/null; do
      if ! alive "$pid"; then
        abort "$i" "node $i (pid $pid) exited before it was Up"
      elif [ "$SECONDS" -ge "$deadline" ]; then
        abort "$i" "node $i (pid $pid) did not answer GET /health on http://127.0.0.1:$((control_port + i - 1)) within ${timeout} s"
      fi
      sleep 1
    done
  done
}

# abort NODE MESSAGE: what went wrong, the node's last log lines, then everything started is stopped.
abort() {
  echo "local-cluster: $2" >&2
  if [ -n "$1" ] && [ -f "$dir/node-$1.log" ]; then
    echo "local-cluster: the last lines of $dir/node-$1.log:" >&2
    tail -n 25 "$dir/node-$1.log" >&2
  fi
  echo "local-cluster: stopping what was started" >&2
  grace=10 down >&2
  exit 1
}

up() {
  local i pid seed_address journal_shown
  need_cli
  for i in $(seq "$nodes"); do
    pid=$(node_pid "$i") || continue
    if alive "$pid" && runs "$pid" "$(node_program)"; then
      fail "a cluster from $dir is running (node $i, pid $pid): stop it first with: $0 down --dir $dir"
    fi
  done
  rm -f "$dir"/node-*.pid "$dir"/node-*.log
  for i in $(seq "$nodes"); do
    ! port_in_use $((port + i - 1)) || fail "port $((port + i - 1)) on 127.0.0.1 is in use (node $i's remoting): try --port"
    ! port_in_use $((control_port + i - 1)) \
      || fail "port $((control_port + i - 1)) on 127.0.0.1 is in use (node $i's control API): try --control-port"
  done
  trap 'abort "" "interrupted"' INT TERM
  if [ -n "$journal" ]; then
    journal_shown=${journal%%:*}
  elif [ -n "${MESHSEC_CLUSTER_POSTGRES:-}" ]; then
    journal="postgres:${MESHSEC_CLUSTER_POSTGRES#postgres:}"
    journal_shown="postgres (MESHSEC_CLUSTER_POSTGRES)"
  else
    start_postgres || { stop_postgres; fail "PostgreSQL did not start on 127.0.0.1:$pg_port"; }
    journal="postgres:Host=127.0.0.1;Port=$pg_port;Username=akka;Password=akka;Database=akka"
    journal_shown="postgres on 127.0.0.1:$pg_port (private, stopped by down)"
  fi
  printf 'nodes=%s\nport=%s\ncontrol_port=%s\nprogram=%s\n' "$nodes" "$port" "$control_port" "$(basename "$cli_path")" >"$state"

  seed_address="$protocol://meshsec@127.0.0.1:$port"
  seed=$seed_address
  deadline=$((SECONDS + timeout))
  # the seed first: it forms the cluster; then the others together, each joining through it
  start_node 1
  await_nodes 1 1
  for i in $(seq 2 "$nodes"); do start_node "$i"; done
  await_nodes 2 "$nodes"
  trap - INT TERM

  echo "cluster up: $nodes node(s) on 127.0.0.1, journal $journal_shown; logs and pids in $dir"
  for i in $(seq "$nodes"); do
    echo "  node $i: $protocol://meshsec@127.0.0.1:$((port + i - 1))," \
      "control http://127.0.0.1:$((control_port + i - 1)), pid $(node_pid "$i")"
  done
  echo "seed: $seed_address"
  echo "run a scenario on it:"
  echo "  ${cli[*]} run --cluster $seed_address --min-nodes $nodes $repo/hocon/scenarios/quickstart.conf"
  echo "stop it:"
  echo "  $0 down --dir $dir"
}

status() {
  local i pid answer code all_up=0 count
  need_cli
  count=$(sed -n 's/^nodes=//p' "$state" 2>/dev/null || true)
  [ -n "$count" ] || { echo "no cluster in $dir"; return 1; }
  port=$(sed -n 's/^port=//p' "$state")
  control_port=$(sed -n 's/^control_port=//p' "$state")
  for i in $(seq "$count"); do
    pid=$(node_pid "$i") || pid=""
    if [ -z "$pid" ] || ! alive "$pid"; then
      echo "node $i: not running"
      all_up=1
      continue
    fi
    code=0
    answer=$(health "$i") || code=$?
    case $code in 0) answer="up" ;; 1) answer="not up: ${answer//$'\n'/ }" ;; *) answer="no answer: ${answer//$'\n'/ }" ;; esac
    [ "$code" -eq 0 ] || all_up=1
    echo "node $i: pid $pid, $protocol://meshsec@127.0.0.1:$((port + i - 1)), $answer"
  done
  if [ -f "$dir/postgres.dir" ]; then echo "PostgreSQL: $(cat "$dir/postgres.dir")"; fi
  return $all_up
}

case "$command_name" in
  up) up ;;
  status) status ;;
  down) down ;;
esac
