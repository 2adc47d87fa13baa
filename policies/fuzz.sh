#!/usr/bin/env bash
# Fuzzes one Jazzer target of the injection engine for a while, then prints how many inputs it ran and what it
# found. `mvn test` only replays the saved inputs; this is the fuzzing run (Jazzer fuzzes one @FuzzTest per JVM).
#
#   policies/fuzz.sh TARGET [SECONDS]      TARGET: sql-lexer | shell-lexer | matcher | check-sql | check-command
#
# A crash is saved by Jazzer under src/test/resources/io/bulwark/policies/injection/fuzz/<Class>Inputs/<method>/,
# where every later `mvn test` replays it. The corpus Jazzer grows is kept in target/cifuzz-corpus (reused by the
# next run, gone with `mvn clean`); the full log is target/fuzz-TARGET.log.
set -uo pipefail

usage() {
    sed -n '5p' "$0" | sed 's/^#  *//' >&2
    exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
target=$1
seconds=${2:-180}
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || usage
case $target in
    sql-lexer) class=SqlLexerFuzzTest ;;
    shell-lexer) class=ShellLexerFuzzTest ;;
    matcher) class=InputMatcherFuzzTest ;;
    check-sql) class=SqlCheckFuzzTest ;;
    check-command) class=CommandCheckFuzzTest ;;
    *) usage ;;
esac

cd "$(dirname "$0")" || exit 1
mkdir -p target/cifuzz-corpus
# Jazzer writes its corpus to .cifuzz-corpus in the working directory; point that into target/ for the run only,
# so the source tree stays clean.
if [[ ! -e .cifuzz-corpus ]]; then
    ln -s target/cifuzz-corpus .cifuzz-corpus
    trap 'rm -f .cifuzz-corpus' EXIT
fi

log=target/fuzz-$target.log
echo "fuzzing $class for ${seconds}s (log: policies/$log)"
(cd .. && mvn -o -B -Pfuzz -pl policies test -Dtest="$class" -Dfuzz.seconds="$seconds") >"$log" 2>&1
status=$?

# libFuzzer's own summary: final status line, run count and rate, then any finding.
grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1
grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log"
grep -E '== Java Exception|^(java|org\.opentest4j|io\.bulwark)[^ ]*(Error|Exception)|artifact_prefix|Test unit written' \
    "$log" | head -20
grep -E 'Tests run:.*Fail' "$log" | tail -1
if [[ $status -eq 0 ]]; then
    echo "no findings"
else
    echo "FINDING or failure (exit $status): see policies/$log"
fi
exit $status
