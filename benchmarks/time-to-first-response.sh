#!/usr/bin/env bash
# Time from `java` start to the demo's first 200 on /health, without and with the agent, alternating A B A B
# so machine drift cancels. Prints each run and the medians.
#   benchmarks/time-to-first-response.sh [PAIRS]     (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
pairs="${1:-5}"
agent=agent/target/bulwark-agent.jar
demo=integration-tests/target/bulwark-demo.jar
[ -f "$agent" ] && [ -f "$demo" ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
cp integration-tests/demo/bulwark-policy.json "$work/"
port=18181

one() { # $1 = extra JVM args; prints milliseconds to first response
  local start end pid
  start=$(date +%s%N)
  (cd "$work" && exec java $1 -jar "$OLDPWD/$demo" --port $port >/dev/null 2>&1) &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.005; done
  end=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

without=(); with=()
for i in $(seq 1 "$pairs"); do
  a=$(one ""); b=$(one "-javaagent:$PWD/$agent")
  without+=("$a"); with+=("$b")
  echo "pair $i: without ${a} ms, with ${b} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mw=$(median "${without[@]}"); mwa=$(median "${with[@]}")
echo "median without agent: ${mw} ms; with agent: ${mwa} ms; added: $((mwa - mw)) ms"
rm -rf "$work"
