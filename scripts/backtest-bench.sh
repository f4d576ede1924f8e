#!/usr/bin/env bash
# The backtest's benchmark (SPEC §14, issue #16): 8 years of hourly klines for BTC, BNB and
# 11 altcoins (the bundled market's 13 symbols), generated once by the seeded generator into
# .build/backtest-data/ (not committed), then the release `cycle backtest --cadence hourly`
# over all of it, RUNS times. Prints each run's load time, simulation time and µs per
# simulated hour, then the median and its ratio to the original's ~1 ms per simulated hour.
#
#   scripts/backtest-bench.sh [RUNS] [YEARS]      (defaults: 3 runs, 8 years)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
years="${2:-8}"
data=".build/backtest-data/hourly-${years}y-seed7"

if [ ! -f "$data/exchange_info.json" ]; then
    echo "generating ${years} years of hourly klines for 13 symbols into $data (once) …"
    python3 Fixtures/paper_market/generate_history.py --out "$data.tmp" --years "$years" --seed 7
    rm -rf "$data" && mv "$data.tmp" "$data"
fi
swift build -c release --product cycle >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# Only what the engine needs: no credentials, no state outside the temporary folder.
bench_env=(env -i PATH="$PATH" HOME="$out" CYCLE_STATE_DIR="$out/state")
figures=()
for run in $(seq 1 "$runs"); do
    line=$("${bench_env[@]}" .build/release/cycle backtest --data "$data" --cadence hourly --timing --out "$out/run$run" 2>&1 >/dev/null | grep '^timing:\|timing:' | sed 's/.*timing: //')
    echo "run $run: $line"
    figures+=("$(echo "$line" | sed -n 's/.*simulation \([0-9.]*\) s, \([0-9]*\) cycles, \([0-9.]*\) µs.*/\1 \2 \3/p')")
done
printf '%s\n' "${figures[@]}" | sort -n | awk -v runs="$runs" '
    { sim[NR] = $1; cycles = $2; us[NR] = $3 }
    END {
        m = int((NR + 1) / 2)
        printf "median of %d: simulation %.3f s for %d simulated hours, %.1f µs per simulated hour, %.1f× less than the original'"'"'s ~1,000 µs\n", NR, sim[m], cycles, us[m], 1000 / us[m]
    }'
