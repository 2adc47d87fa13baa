#!/usr/bin/env bash
# Time from `java` start to the demo's first 200 on /health, without and with the agent, alternating A B A B
# so machine drift cancels. Prints each run and the medians, wall clock and the JVM's CPU time (user + system) at
# the moment of the first response: on a shared, loaded machine the CPU time is the steadier of the two.
#   benchmarks/time-to-first-response.sh [PAIRS]     (default 5)
#   AGENT=path/to/other-agent.jar JAVA_OPTS="-Dbulwark.debug.startup" benchmarks/time-to-first-response.sh 7
# It also prints the CPU of the JIT compiler threads: about half of what the agent adds is compiling its hot code.
set -euo pipefail
cd "$(dirname "$0")/.."
pairs="${1:-5}"
agent=$(realpath "${AGENT:-agent/target/bulwark-agent.jar}")
demo=integration-tests/target/bulwark-demo.jar
[ -f "$agent" ] && [ -f "$demo" ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
cp integration-tests/demo/bulwark-policy.json "$work/"
# a port of its own: other checkouts on the same machine run this script too
port=${PORT:-$((20000 + $$ % 10000))}

tick=$(getconf CLK_TCK)
one() { # $1 = extra JVM args; prints "wall-ms cpu-ms" at the first response
  local start end pid cpu
  start=$(date +%s%N)
  (cd "$work" && exec java ${JAVA_OPTS:-} $1 -jar "$OLDPWD/$demo" --port $port >/dev/null 2>>"$work/stderr") &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
    kill -0 $pid 2>/dev/null || { echo "the JVM ended before answering; see $work/stderr" >&2; exit 1; }
    sleep 0.005
  done
  end=$(date +%s%N)
  # fields 14 and 15 of /proc/PID/stat: user and system time in clock ticks (the comm field has no spaces: java)
  cpu=$(awk -v t="$tick" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
  # of which the JIT compiler threads: code the agent makes hot (its per-class transformer, Byte Buddy) is
  # compiled there, on the app's cores, so it counts even though no agent thread runs it
  jit=$(for t in /proc/$pid/task/*; do
          case "$(cat "$t/comm" 2>/dev/null)" in C[12]\ CompilerThre*) cat "$t/stat" 2>/dev/null;; esac
        done | awk -v t="$tick" '{ sub(/^.*\) /, ""); s += $12 + $13 } END { print int(s * 1000 / t) }')
  kill $pid; wait $pid 2>/dev/null || true
  echo "$(( (end - start) / 1000000 )) $cpu $jit"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
without=(); with=(); cpu_without=(); cpu_with=(); jit_without=(); jit_with=()
for i in $(seq 1 "$pairs"); do
  read -r a ca ja <<<"$(one "")"; read -r b cb jb <<<"$(one "-javaagent:$agent")"
  [ -n "$a" ] && [ -n "$b" ] || exit 1
  without+=("$a"); with+=("$b"); cpu_without+=("$ca"); cpu_with+=("$cb"); jit_without+=("$ja"); jit_with+=("$jb")
  echo "pair $i: without ${a} ms (cpu ${ca} ms, jit ${ja} ms), with ${b} ms (cpu ${cb} ms, jit ${jb} ms)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
mw=$(median "${without[@]}"); mwa=$(median "${with[@]}")
echo "median without agent: ${mw} ms; with agent: ${mwa} ms; added: $((mwa - mw)) ms"
cw=$(median "${cpu_without[@]}"); cwa=$(median "${cpu_with[@]}")
echo "median cpu without agent: ${cw} ms; with agent: ${cwa} ms; added: $((cwa - cw)) ms"
jw=$(median "${jit_without[@]}"); jwa=$(median "${jit_with[@]}")
echo "median jit cpu without agent: ${jw} ms; with agent: ${jwa} ms; added: $((jwa - jw)) ms"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${JAVA_OPTS:-}" ]; then grep -h '\[bulwark\] startup' "$work/stderr" | tail -40 || true; fi
rm -rf "$work"
