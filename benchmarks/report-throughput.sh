#!/usr/bin/env bash
# How long `java -jar bulwark-agent.jar report` takes on a large attack log: generates SIZE_MB of realistic lines
# (AttackLogGenerator, default 1024 MB), then times the report over it, plain and gzip. Prints seconds and MB/s.
#   benchmarks/report-throughput.sh [SIZE_MB]
# Needs SIZE_MB free in $TMPDIR (twice, and about a tenth more for the gzip run).
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-1024}"
agent=agent/target/bulwark-agent.jar
[ -f "$agent" ] || mvn -q -B -DskipTests package -pl agent -am
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log="$work/bulwark-attacks.jsonl"

java benchmarks/src/main/java/io/bulwark/benchmarks/AttackLogGenerator.java "$log" "$size_mb"
bytes=$(stat -c %s "$log")

run() { # $1 = label, then the files; prints the wall time and the report's attack count
  local label=$1 start end; shift
  start=$(date +%s%N)
  java -jar "$agent" report --json "$@" >"$work/summary.json"
  end=$(date +%s%N)
  local ms=$(( (end - start) / 1000000 ))
  local attacks
  attacks=$(grep -m1 -o '"total" : [0-9]*' "$work/summary.json" | grep -o '[0-9]*$')
  awk -v l="$label" -v ms="$ms" -v b="$bytes" -v a="$attacks" \
    'BEGIN { printf "%s: %.1f s for %.0f MB (%.0f MB/s of plain text), %d attacks\n", l, ms/1000, b/1048576, b/1048576/(ms/1000), a }'
}

run "plain" "$log"
gzip -1 -c "$log" >"$log.1.gz"
run "gzip " "$log.1.gz"
