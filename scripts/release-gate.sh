#!/usr/bin/env bash
# The release gate: what operators run is the -O build, and Swift 6.3.1's optimiser has broken
# this engine before in ways the debug test suite cannot see. Fails on any crash.
#   1. the task-group tuple lint;
#   2. the release build (scripts/build-release.sh) of `cycle` and `cycle-bench`;
#   3. 20 release paper cycles on a fresh state folder (each must exit 0);
#   4. two `cycle-bench` runs (live cycles on the Binance adapter against the fake Binance; the
#      second, with the Simple Earn product id remembered, must weigh at most 215);
#   5. the release backtest shell: the bundled market (daily) and two generated years of hourly
#      klines, every simulated cycle `ok` (the path the backtest benchmark measures, which paper
#      cycles do not take);
#   6. the release `cycle` contains no test switch: no `CYCLE_TEST_` text and no fault-injection
#      symbol (they are compiled into debug builds only).
set -euo pipefail
cd "$(dirname "$0")/.."
cycles="${RELEASE_GATE_CYCLES:-20}"

scripts/lint-taskgroup-tuples.sh
scripts/build-release.sh cycle cycle-bench
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"

state="$(mktemp -d)"
trap 'rm -rf "$state"' EXIT
# An allow-listed environment: never the caller's credentials or backends.
clean_env=(env -i PATH="$PATH" HOME="$state" TMPDIR="${TMPDIR:-/tmp}" LANG=C.UTF-8)
crashes=0
for run in $(seq 1 "$cycles"); do
    set +e
    "${clean_env[@]}" "$bin/cycle" run --state-dir "$state/store" --json > "$state/report-$run.json" 2> "$state/stderr-$run.txt"
    code=$?
    set -e
    if [ "$code" -ne 0 ]; then
        crashes=$((crashes + 1))
        echo "release-gate: paper cycle $run exited $code" >&2
        tail -20 "$state/stderr-$run.txt" >&2
    fi
done
echo "release-gate: $cycles release paper cycles, $crashes failed"
[ "$crashes" -eq 0 ]

"${clean_env[@]}" "$bin/cycle-bench" 50 2

# Every cycle of a release backtest must end `ok`: on the bundled daily market, and on two years
# of hourly klines from the seeded generator (the path the backtest benchmark measures).
python3 Fixtures/paper_market/generate_history.py --out "$state/hourly" --years 2 --seed 7 > /dev/null
for cadence in daily hourly; do
    data=()
    [ "$cadence" = hourly ] && data=(--data "$state/hourly")
    set +e
    "${clean_env[@]}" "$bin/cycle" backtest "${data[@]}" --cadence "$cadence" --out "$state/backtest-$cadence" > /dev/null 2> "$state/backtest-$cadence.txt"
    code=$?
    set -e
    statuses=$(python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))["cycles"]["by_status"], sort_keys=True))' \
        "$state/backtest-$cadence/summary.json" 2>/dev/null || echo "none")
    if [ "$code" -ne 0 ] || ! echo "$statuses" | grep -q '^{"ok": [0-9]*}$'; then
        echo "release-gate: the $cadence release backtest exited $code, cycles $statuses" >&2
        tail -20 "$state/backtest-$cadence.txt" >&2
        exit 1
    fi
    echo "release-gate: $cadence release backtest, cycles $statuses"
done

# The strings a test switch needs (its variable names) and the wrapper's symbol: absent, or fail.
if strings "$bin/cycle" | grep -q "CYCLE_TEST_"; then
    echo "release-gate: the release cycle binary reads a CYCLE_TEST_ variable" >&2
    exit 1
fi
if nm "$bin/cycle" 2>/dev/null | grep -q "FaultInjectingExchange"; then
    echo "release-gate: the release cycle binary contains the fault injection" >&2
    exit 1
fi
echo "release-gate: release cycle has no test switch (no CYCLE_TEST_ strings, no FaultInjectingExchange symbol)"
echo "release-gate: passed"
