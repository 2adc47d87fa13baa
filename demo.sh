#!/usr/bin/env bash
# Builds Bulwark and the demo API, then runs the demo under the agent until Ctrl-C.
#   ./demo.sh            build if needed, run on port 8080
#   PORT=9090 ./demo.sh  another port
#   ./demo.sh --rebuild  build even if the jars exist
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
agent="$root/agent/target/bulwark-agent.jar"
demo="$root/integration-tests/target/bulwark-demo.jar"
port="${PORT:-8080}"

if [ "${1:-}" = "--rebuild" ] || [ ! -f "$agent" ] || [ ! -f "$demo" ]; then
  echo "Building (mvn -q -DskipTests package)..."
  mvn -q -B -DskipTests package
fi

# The demo runs in its own folder: the policy sits there and the attack log appears there.
run="$root/demo-run"
mkdir -p "$run"
cp "$root/integration-tests/demo/bulwark-policy.json" "$run/bulwark-policy.json"
cd "$run"
rm -f demo.out

java -javaagent:"$agent" -jar "$demo" --port "$port" > >(tee demo.out) 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; exit 0' INT TERM

for _ in $(seq 1 120); do
  grep -q "Demo listening" demo.out 2>/dev/null && break
  kill -0 $pid 2>/dev/null || { echo "the demo exited; see above"; exit 1; }
  sleep 0.5
done
base="http://127.0.0.1:$port"
cat <<MSG

The demo API is protected by Bulwark at $base (policy: $run/bulwark-policy.json).
Try it:
  curl -s '$base/api/products/search?q=phone'                          # a normal search
  curl -s '$base/api/products/search?q=x%27%20OR%20%271%27%3D%271'     # SQL injection: 403
  curl -s '$base/api/orders/1%20OR%201%3D1'                            # numeric SQL injection: 403
  curl -s '$base/api/tools/ping?host=127.0.0.1%3B%20cat%20/etc/passwd'  # shell injection: 403
Attack log (one JSON line per attack):
  tail -f $run/bulwark-attacks.jsonl | jq .
Edit $run/bulwark-policy.json and the agent reloads it. Ctrl-C stops the demo.
MSG
wait $pid
