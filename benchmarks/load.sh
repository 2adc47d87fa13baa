#!/usr/bin/env bash
# The demo under load, without and with the agent (benchmarks/load-policy.json: RS256 JWT on every request, two
# rate limits too high to trigger, SQL and shell injection in block mode), in pairs: two JVMs alive together, warmed
# on all cores, then (with two cores or more) pinned to core 0 while the generator runs on the others, and measured
# alternately A B B A ... so that drift of a shared machine cancels within each pair. Per endpoint it prints:
#   - rps: maximum throughput (wrk, closed loop, 16 connections) and the ratio with/without;
#   - p50_us, p99_us: latency at a fixed rate of half the first baseline's maximum, from an open-loop generator
#     that measures from each request's due time (OpenLoopLoad), and what the agent added;
#   - live_kb: heap live after a full GC once the endpoints have run (the agent's retained heap is the difference);
#   - cpu_us (fixed rate) and max_cpu_us (full load): the server JVM's CPU time (user + system, /proc/PID/stat) over
#     the measured phase divided by the requests it completed, and what the agent costs in µs per request; split into
#     JIT compiler threads, GC threads and the rest (work_us). On a shared machine this is steadier than req/s.
#     With it, how many cores the server, the load generator and the whole machine used while measuring.
#   - shared_cpu_us, shared_work_us: the same at full load with both JVMs loaded at once (each by its own
#     generator), sharing the server core: both meet the host's noise in the same seconds, so this is the steadiest
#     comparison of the agent's cost per request (the throughput ratio a saturated core would show is its inverse).
# Then an attack flood against the agent (blocked SQL injection, many connections): requests answered, events
# written, events dropped and at what rate, from the attack log itself.
#
#   benchmarks/load.sh [--quick] [--pairs N] [--rounds N] [--no-pin] [--keep]
#     (default: 5 pairs of 2 full-load rounds each, about 17 minutes; --quick: 2 short pairs of one round)
#   BULWARK_AGENT_JAR=/path/to/other/bulwark-agent.jar benchmarks/load.sh    (measure another build of the agent)
#   BULWARK_BASELINE_AGENT_JAR=/path/to/old/bulwark-agent.jar benchmarks/load.sh
#     (A/B two builds of the agent: "without" runs that jar with the same policy instead of no agent; a change
#      to the request path is then measured on the real server, pinned, against the build before it)
#   BULWARK_BASELINE_POLICY=/path/to/policy.json BULWARK_BASELINE_AGENT_JAR=agent/target/bulwark-agent.jar ...
#     (the baseline agent with another policy: what a part of the policy costs, e.g. injection only against the
#      full load policy; the policy's relative paths, such as its JWKS file, resolve beside the load policy's)
#
# Needs a JDK 17+ and, for throughput, wrk (installed with apt-get when missing and possible, else the Java
# generator's closed loop is used instead, which costs more CPU per request and dilutes the ratio).
set -euo pipefail
caller_dir=$PWD
cd "$(dirname "$0")/.."
root=$PWD
# Jar and policy paths may be given relative to where the script was called from; each demo runs in a directory of
# its own, so they are made absolute here.
absolute() { case "$1" in "" | /*) printf '%s' "$1" ;; *) printf '%s/%s' "$caller_dir" "$1" ;; esac; }

pairs=5; rounds=2; warm=8; settle=2; tput=5; lat=4; flood=15; keep=0; pin=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) pairs=2; rounds=1; warm=4; settle=1; tput=3; lat=3; flood=5 ;;
    --pairs) pairs="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --no-pin) pin=0 ;;
    --keep) keep=1 ;;
    *) echo "usage: $0 [--quick] [--pairs N] [--rounds N] [--no-pin] [--keep]" >&2; exit 2 ;;
  esac
  shift
done
# Pinning needs two cores and taskset: the server on core 0, the generator on the rest.
cores=$(nproc)
if [ "$pin" = 1 ] && { [ "$cores" -lt 2 ] || ! command -v taskset >/dev/null; }; then pin=0; fi
server_core=0; gen_cores=1-$((cores - 1)); gen_pin=""
[ "$pin" = 1 ] && gen_pin="taskset -c $gen_cores"

agent=$(absolute "${BULWARK_AGENT_JAR:-$root/agent/target/bulwark-agent.jar}")
baseline_agent=$(absolute "${BULWARK_BASELINE_AGENT_JAR:-}")
baseline_policy=$(absolute "${BULWARK_BASELINE_POLICY:-}")
demo=$root/integration-tests/target/bulwark-demo.jar
bench=$root/benchmarks/target/benchmarks.jar
if [ ! -f "$agent" ] || [ ! -f "$demo" ] || [ ! -f "$bench" ]; then
  mvn -q -B -DskipTests package -pl agent,integration-tests,benchmarks -am
fi
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1 || true
  elif command -v sudo >/dev/null; then
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1 || true
  fi
fi
have_wrk=0; command -v wrk >/dev/null && have_wrk=1
tick=$(getconf CLK_TCK)

work=$(mktemp -d)
demo_pid=; started=()
cleanup() {
  local p
  for p in "${started[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ "$keep" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

java -cp "$bench" io.bulwark.benchmarks.load.LoadToken "$work"
cp benchmarks/load-policy.json "$work/bulwark-policy.json"
token=$(cat "$work/token.txt")
printf '{"category":"peripherals","maxPrice":100}' > "$work/filter.json"
cat > "$work/post.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("BODY_FILE"), "rb"); wrk.body = f:read("*a"); f:close()
EOF

# name | method | path | body file ("" for none)
endpoints=(
  "noop|GET|/api/noop|"
  "sql|GET|/api/products/search?q=Lamp|"
  "json|POST|/api/products/filter|$work/filter.json"
)
# The same JVM flags for both variants: a fixed heap, so GC sizing does not differ between them.
jvm_flags="-Xms512m -Xmx512m -XX:+UseG1GC"
results=$work/results.tsv; : > "$results"

start_demo() { # $1: extra JVM args, $2 work directory; sets demo_pid and port
  local out=$2/demo.out
  : > "$out"
  (cd "$2" && exec java $jvm_flags $1 -jar "$demo" --port 0 >"$out" 2>"$2/demo.err") &
  demo_pid=$!; started+=("$demo_pid")
  for _ in $(seq 1 600); do
    port=$(sed -n 's#^Demo listening on http://127.0.0.1:\([0-9]*\)$#\1#p' "$out")
    [ -n "$port" ] && return 0
    kill -0 "$demo_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "the demo did not start:" >&2; cat "$2/demo.err" >&2; exit 1
}

stop_demo() { # $1 pid
  kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true
}

# The server's threads, all of them (-a), onto the server core. Threads started later inherit it.
pin_server() { # $1 pid
  if [ "$pin" = 1 ]; then taskset -a -p -c "$server_core" "$1" >/dev/null; fi
}

# The generator's CPU comes from the shell's `times` (its children's user + system, exact to the millisecond), run
# in the same command substitution right after it; the Java fallback's includes its JVM's start-up.
max_rps() { # $1 seconds, $2 method, $3 path, $4 body file, [$5 expected status, $6 connections]
  # prints "req/s requests generator-cpu-seconds"
  local status=${5:-200} conns=${6:-16} out
  if [ "$have_wrk" = 1 ]; then
    local script=(); [ "$2" = POST ] && script=(-s "$work/post.lua")
    out=$(BODY_FILE="$4" $gen_pin wrk -t1 -c"$conns" -d"$1"s -H "Authorization: Bearer $token" "${script[@]}" \
          "http://127.0.0.1:$port$3"; times)
    if grep -q 'Non-2xx' <<<"$out" && [ "$status" = 200 ]; then
      echo "unexpected statuses from $3:" >&2; echo "$out" >&2; exit 1
    fi
    printf '%s %s %s\n' "$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")" \
      "$(awk '/ requests in / {print $1}' <<<"$out")" "$(tail -n 1 <<<"$out" | children_cpu)"
  else
    local body=(); [ -n "$4" ] && body=(--body-file "$4" --header "Content-Type: application/json")
    out=$($gen_pin java -cp "$bench" io.bulwark.benchmarks.load.OpenLoopLoad --url "http://127.0.0.1:$port$3" \
          --method "$2" --header "Authorization: Bearer $token" "${body[@]}" --rate 0 --seconds "$1" \
          --connections "$conns" --expect-status "$status"; times)
    printf '%s %s %s\n' "$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$out")" \
      "$(sed -n 's/^sent=\([0-9]*\) .*/\1/p' <<<"$out")" "$(tail -n 1 <<<"$out" | children_cpu)"
  fi
}

children_cpu() { # the children's line of `times` ("0m1.234s 0m0.567s") -> user + system seconds
  awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } ; printf "%.3f\n", s }'
}

proc_ticks() { # $1 pid: user + system clock ticks of the whole process, its ended threads included
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

service_threads() { # $1 pid: "tid jit|gc ticks" for each live JIT compiler and GC thread (the names as JvmThreadKind)
  # cat, not awk on the files: a thread may end between the glob and the read, and mawk stops at a missing file
  { cat /proc/"$1"/task/*/stat 2>/dev/null || true; } | awk '{
    match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); split(substr($0, RSTART + RLENGTH + 1), f, " ")
    kind = name ~ /^(C1 CompilerThre|C2 CompilerThre|JVMCI)/ ? "jit" : name ~ /^(GC Thread|G1 )/ ? "gc" : ""
    if (kind != "") print $1, kind, f[12] + f[13] }'
}

service_ticks() { # $1 before, $2 after (service_threads output): "jit gc" ticks in between, per thread, so that a
  # compiler thread the JVM starts or stops meanwhile neither hides nor invents time
  awk 'NR == FNR { before[$1] = $3; next } { d = $3 - before[$1]; if (d > 0) s[$2] += d }
       END { print s["jit"] + 0, s["gc"] + 0 }' <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}

busy_ticks() { # clock ticks the whole machine was not idle (all cores; steal counts as busy)
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

fixed_rate() { # $1 rate, $2 seconds, $3 method, $4 path, $5 body file; prints the generator's key=value line
  local body=(); [ -n "$5" ] && body=(--body-file "$5" --header "Content-Type: application/json")
  $gen_pin java -Xmx256m -cp "$bench" io.bulwark.benchmarks.load.OpenLoopLoad --url "http://127.0.0.1:$port$4" \
       --method "$3" --header "Authorization: Bearer $token" "${body[@]}" --rate "$1" --seconds "$2" \
       --warmup 1 --connections 32 --server-pid "$demo_pid" --clock-ticks "$tick"
}

key() { # $1 key, $2 the generator's key=value line; prints the value
  sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"
}

record() { # $1 endpoint, $2 pair, $3 variant, $4 metric, $5 value: one line of results.tsv (LoadResults)
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >> "$results"
}

per_request_us() { # $1 server ticks, $2 JIT ticks, $3 GC ticks, $4 requests: "all jit gc rest" µs per request
  awk -v c="$1" -v j="$2" -v g="$3" -v n="$4" -v k="$tick" 'BEGIN { u = n > 0 ? 1e6 / k / n : 0
    if (n > 0) printf "%.2f %.2f %.2f %.2f\n", c * u, j * u, g * u, (c - j - g) * u; else print "- - - -" }'
}

live_kb() { # heap live after a full GC (GC.class_histogram forces one)
  jcmd "$demo_pid" GC.class_histogram 2>/dev/null | awk '/^Total/ {printf "%.0f\n", $3 / 1024}'
}

declare -A rate pid_of port_of dir_of
launch_order="without with"
use() { # $1 without|with: the JVM the next measurement talks to
  demo_pid=${pid_of[$1]}; port=${port_of[$1]}
}

full_load() { # $1 pair id, $2 variant, $3 name, $4 method, $5 path, $6 body: one full-load measurement, recorded
  use "$2"
  local rps requests gen_s cpu0 cpu1 busy0 busy1 t0 t1 svc0 svc1 jit gc full m v j g r server_c gen_c busy_c
  svc0=$(service_threads "$demo_pid"); cpu0=$(proc_ticks "$demo_pid"); busy0=$(busy_ticks); t0=$(date +%s%N)
  full=$(max_rps "$tput" "$4" "$5" "$6") # assigned first, so that its failure stops the script
  t1=$(date +%s%N); busy1=$(busy_ticks); cpu1=$(proc_ticks "$demo_pid"); svc1=$(service_threads "$demo_pid")
  read -r rps requests gen_s <<<"$full"
  read -r jit gc <<<"$(service_ticks "$svc0" "$svc1")"
  record "$3" "$1" "$2" rps "$rps"
  # per request: server ticks -> µs (in all, JIT, GC, the rest); cores: ticks or seconds over the wall time
  read -r v j g r <<<"$(per_request_us $((cpu1 - cpu0)) "$jit" "$gc" "$requests")"
  read -r server_c gen_c busy_c <<<"$(awk -v c=$((cpu1 - cpu0)) -v b=$((busy1 - busy0)) -v q="$gen_s" -v k="$tick" \
    -v w=$((t1 - t0)) 'BEGIN { s = w / 1e9; printf "%.3f %.3f %.3f\n", c / k / s, q / s, b / k / s }')"
  for m in max_cpu_us:$v max_jit_us:$j max_gc_us:$g max_work_us:$r max_server_cores:$server_c \
           max_gen_cores:$gen_c max_busy_cores:$busy_c; do
    record "$3" "$1" "$2" "${m%%:*}" "${m#*:}"
  done
  echo "  pair $1 $2 $3: ${rps} req/s, server CPU ${v} µs/request (cores: server ${server_c}," \
       "generator ${gen_c}, machine ${busy_c})"
  last_rps=$rps
}

fixed_load() { # $1 pair, $2 variant, $3 name, $4 method, $5 path, $6 body: latency at the fixed rate, recorded
  use "$2"
  local line m
  line=$(fixed_rate "${rate[$3]}" "$lat" "$4" "$5" "$6")
  # metric in results.tsv <- key in the generator's line
  for m in p50_us:p50_us p99_us:p99_us cpu_us:server_cpu_us jit_us:server_jit_us gc_us:server_gc_us \
           work_us:server_work_us fixed_server_cores:server_cores fixed_gen_cores:generator_cores \
           fixed_busy_cores:machine_busy_cores; do
    record "$3" "$1" "$2" "${m%%:*}" "$(key "${m#*:}" "$line")"
  done
  grep -q ' errors=0 ' <<<"$line" || echo "  $3 $2: errors at the fixed rate: $line" >&2
  echo "  pair $1 $2 $3 at ${rate[$3]}/s: $line"
}

# Both JVMs of the pair loaded at the same time, each by its own generator, for the same seconds: the server core
# (or, unpinned, the machine) is shared between them, so whatever the host does to one it does to the other, and
# their CPU per request compares the agent's cost under one set of conditions. Sequential rounds are seconds apart,
# and a noisy host moves a round by a third; this comparison held to about 3 % between two JVMs of the same build.
shared_load() { # $1 pair id, $2 name, $3 method, $4 path, $5 body: one shared measurement of both, recorded
  local v m w requests cpu svc line jit gc t j g r bg=()
  declare -A cpu0 svc0
  for v in without with; do svc0[$v]=$(service_threads "${pid_of[$v]}"); cpu0[$v]=$(proc_ticks "${pid_of[$v]}"); done
  for v in $launch_order; do
    (use "$v"; max_rps "$tput" "$3" "$4" "$5") > "$work/shared.$v" &
    bg+=($!)
  done
  for w in "${bg[@]}"; do wait "$w" || { echo "the shared-core load of $2 failed" >&2; exit 1; }; done
  line="  pair $1 shared core $2:"
  for v in without with; do
    cpu=$(( $(proc_ticks "${pid_of[$v]}") - ${cpu0[$v]} )); svc=$(service_threads "${pid_of[$v]}")
    read -r _ requests _ < "$work/shared.$v"
    read -r jit gc <<<"$(service_ticks "${svc0[$v]}" "$svc")"
    read -r t j g r <<<"$(per_request_us "$cpu" "$jit" "$gc" "$requests")"
    for m in shared_cpu_us:$t shared_jit_us:$j shared_gc_us:$g shared_work_us:$r; do
      record "$2" "$1" "$v" "${m%%:*}" "${m#*:}"
    done
    line="$line $v $requests requests, ${t} µs/request (${r} outside JIT and GC);"
  done
  echo "${line%;}"
}

# A pair is two JVMs alive together, without and with the agent. Both are warmed on every endpoint first, on all
# cores (a JIT confined to the one core that also serves the load takes a minute to catch up); then, with pinning,
# every thread of both moves to the server core and the generator runs on the others, so the generator never takes
# the server's CPU and the server's throughput is what one core does. The measurements alternate between the two
# JVMs (without, with, then with, without, ...), so drift within the pair cancels as well as between pairs.
run_pair() { # $1 pair
  local v e name method path body r order first
  # Which JVM starts first alternates by pair: with two JVMs sharing the core, the one started (and driven) second
  # used 1-10 % more CPU per sql request in the prototype's runs, whichever build it ran; a fixed order would bias
  # every pair one way.
  launch_order="without with"; [ $(($1 % 2)) = 0 ] && launch_order="with without"
  for v in $launch_order; do
    dir_of[$v]=$work/$v; mkdir -p "${dir_of[$v]}"
    cp "$work/bulwark-policy.json" "$work/jwks.json" "${dir_of[$v]}/"
    if [ "$v" = without ] && [ -n "$baseline_policy" ]; then cp "$baseline_policy" "${dir_of[$v]}/bulwark-policy.json"; fi
    local extra="" jar=$agent
    [ "$v" = without ] && jar=$baseline_agent
    [ -n "$jar" ] && extra="-javaagent:$jar=policy=${dir_of[$v]}/bulwark-policy.json"
    start_demo "$extra" "${dir_of[$v]}"
    pid_of[$v]=$demo_pid; port_of[$v]=$port
  done
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name method path body <<<"$e"
    for v in without with; do use "$v"; max_rps "$warm" "$method" "$path" "$body" >/dev/null; done
  done
  for v in without with; do pin_server "${pid_of[$v]}"; done
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name method path body <<<"$e"
    for v in without with; do use "$v"; max_rps "$settle" "$method" "$path" "$body" >/dev/null; done
    for r in $(seq 1 "$rounds"); do
      order="without with"; [ $((r % 2)) = 0 ] && order="with without"
      for v in $order; do
        full_load "$1.$r" "$v" "$name" "$method" "$path" "$body"
        if [ "$v" = without ] && [ -z "${rate[$name]:-}" ]; then
          rate[$name]=$(awk -v r="$last_rps" 'BEGIN {printf "%d", r / 2}')
        fi
      done
    done
    for r in $(seq 1 "$rounds"); do shared_load "$1.$r" "$name" "$method" "$path" "$body"; done
    for v in without with; do fixed_load "$1" "$v" "$name" "$method" "$path" "$body"; done
  done
  for v in without with; do
    use "$v"; record heap "$1" "$v" live_kb "$(live_kb)"
  done
  for v in without with; do stop_demo "${pid_of[$v]}"; done
  demo_pid=
}

[ -n "$baseline_agent" ] && echo "A/B of two agent builds: \"without\" = $baseline_agent${baseline_policy:+ with $baseline_policy}, \"with\" = $agent"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); wrk: $([ $have_wrk = 1 ] && echo yes || echo no);" \
     "$([ "$pin" = 1 ] && echo "server on core $server_core, generator on cores $gen_cores" || echo "not pinned")"
for p in $(seq 1 "$pairs"); do
  run_pair "$p"
done
echo "load average after pairs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
java -cp "$bench" io.bulwark.benchmarks.load.LoadTable "$results"
echo "(rps: median of pairs, ratio with/without per pair: median [min..max]; latency in microseconds at the fixed"
echo " rate, added = with - without per pair; cpu_us: server CPU µs per request at the fixed rate, work_us: the same"
echo " outside the JIT compiler and GC threads; max_cpu_us, max_work_us: the same at full load; shared_cpu_us,"
echo " shared_work_us: the same with both JVMs at full load at once on the server core, the steadiest comparison;"
echo " live_kb: heap live after full GC, added = retained by the agent; cores: CPU used over the measured phase / its"
echo " wall time)"

# The attack flood: blocked SQL injection from 64 connections as fast as the agent answers 403.
echo
echo "attack flood: ${flood}s of blocked SQL injection, 64 connections, with the agent"
start_demo "-javaagent:$agent=policy=$work/bulwark-policy.json" "$work"
attack="/api/products/search?q=%27%20OR%20%271%27%3D%271"
max_rps "$warm" GET "$attack" "" 403 64 >/dev/null
log_file=$work/bulwark-attacks.jsonl
# The log stays open in the demo: the flood's events are the lines after the warm-up's (load-policy.json rotates the
# log only at 1GB: at 100MB, the default, a flood of ~1.3 KB events rotates it and the count would miss the first file).
before=$( (cat "$log_file" 2>/dev/null || true) | wc -l)
blocked=$(max_rps "$flood" GET "$attack" "" 403 64); blocked=${blocked%% *}
stop_demo "$demo_pid"; demo_pid= # SIGTERM: the shutdown hook drains the queue, so what is not in the file was dropped and counted
tail -n +"$((before + 1))" "$log_file" > "$work/flood.jsonl" 2>/dev/null || true
written=$(grep -c '"sql-injection-blocked"' "$work/flood.jsonl" || true)
dropped=$( (grep '"log-events-dropped"' "$work/flood.jsonl" || true) \
          | sed -n 's/.*"count":\([0-9]*\).*/\1/p' | awk '{s += $1} END {print s + 0}')
rates=$( (grep '"log-events-dropped"' "$work/flood.jsonl" || true) \
        | sed -n 's/.*"rate_per_second":\([0-9.]*\).*/\1/p' | tr '\n' ' ')
sent=$(awk -v r="$blocked" -v s="$flood" 'BEGIN {printf "%d", r * s}')
echo "  blocked requests: ${blocked} req/s (about ${sent} in ${flood}s); events written: ${written};"
echo "  events dropped (sum of log-events-dropped counts): ${dropped}"
echo "  drop rates reported per window (events/s): ${rates:-none}"
echo "  (the sql endpoint's benign throughput with the agent is above; blocked requests near or above it mean the"
echo "   log did not limit them)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
