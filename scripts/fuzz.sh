#!/usr/bin/env bash
# Fuzzes the parsers of outside bytes (Sources/FuzzHarness) with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]      default 30; FUZZ_TARGETS="state binance" to choose
#
# Builds `fuzz-inputs` into .build/fuzz (its own scratch folder: the normal build is untouched),
# then runs each target for the given time from the seeds in Fuzz/corpus/<target> and the inputs
# that once crashed in Fuzz/regressions/<target>. New interesting inputs go to
# .build/fuzz/corpus/<target>; a crash or a broken round trip writes the input to
# .build/fuzz/crashes/<target>/ and makes this script exit 1. To keep a finding: fix it, copy the
# input into Fuzz/regressions/<target>/ (FuzzCorpusTests then replays it on every test run).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
targets="${FUZZ_TARGETS:-artifact state fixture binance firestore}"
scratch=.build/fuzz

# gold, the default linker here, crashes on libFuzzer's objects; lld links them.
swift build --scratch-path "$scratch" --product fuzz-inputs \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -D -Xswiftc FUZZING \
    -Xswiftc -use-ld=lld
binary="$scratch/debug/fuzz-inputs"

failed=0
for target in $targets; do
    work="$scratch/corpus/$target"
    crashes="$scratch/crashes/$target"
    mkdir -p "$work" "$crashes"
    inputs=("$work" "Fuzz/corpus/$target")
    [ -d "Fuzz/regressions/$target" ] && inputs+=("Fuzz/regressions/$target")
    echo "== fuzz $target for ${seconds}s"
    # The outer timeout is a backstop: libFuzzer's own -max_total_time and per-input -timeout end a
    # normal run; SIGKILL ends one that hangs outside them.
    if ! FUZZ_TARGET="$target" SWIFT_BACKTRACE=enable=no timeout -s KILL $((seconds + 120)) "$binary" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -artifact_prefix="$crashes/" -print_final_stats=1 "${inputs[@]}" 2>"$scratch/$target.log"; then
        echo "fuzz $target: FAILED (input in $crashes/, log in $scratch/$target.log)"
        tail -40 "$scratch/$target.log"
        failed=1
    else
        grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$scratch/$target.log" | tr '\n' ' '
        echo
    fi
done
exit $failed
