#!/usr/bin/env bash
# Runs the unit and integration suite N times in a row while two CPU-bound processes run beside
# it, and reports pass/fail per run: the proof that the suite does not flake under load.
#
#   bash scripts/under-load.sh [N] [vitest args...]
#   bash scripts/under-load.sh 3                    # the whole suite, three runs
#   bash scripts/under-load.sh 1 test/core          # one run of a subset (checks the script)
#
# Exit 0 when every run passed, 1 otherwise. Each run's output is kept in a log file whose path
# is printed (the folder is $UNDER_LOAD_LOGS, default a fresh temp folder).
set -u

runs="${1:-3}"
shift || true
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N] [vitest args...]  (N: a positive number of runs, got '$runs')" >&2
  exit 2
fi

cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
logs="${UNDER_LOAD_LOGS:-$(mktemp -d -t under-load.XXXXXX)}"
mkdir -p "$logs"

# The load: two busy loops, ended whatever way this script ends.
burners=()
stop_burners() {
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${burners[@]}"; do wait "$pid" 2>/dev/null; done
  burners=()
}
trap stop_burners EXIT
trap 'exit 130' INT TERM
for _ in 1 2; do
  node -e 'for(;;){}' &
  burners+=("$!")
done
echo "load: two CPU-bound processes (pids ${burners[*]}); logs in $logs"

passed=0
for ((i = 1; i <= runs; i++)); do
  log="$logs/run-$i.log"
  start=$(date +%s)
  if NO_COLOR=1 FORCE_COLOR=0 npx vitest run "$@" >"$log" 2>&1; then
    result=pass
    passed=$((passed + 1))
  else
    result=FAIL
  fi
  secs=$(( $(date +%s) - start ))
  summary=$(grep -E '^ +Tests ' "$log" | tail -n 1 | sed -E 's/^ +//')
  echo "run $i/$runs: $result (${secs}s) ${summary:-no summary, see $log}"
  if [ "$result" = FAIL ]; then
    grep -E '^ *(FAIL|×)' "$log" | head -n 20 | sed 's/^/    /'
  fi
done

stop_burners
echo "under load: $passed of $runs runs passed"
[ "$passed" -eq "$runs" ]
