#!/usr/bin/env python3
"""Independent reference for the backtest performance statistics (PerformanceStatistics.swift).

Reads a CSV with the columns ``date,equity`` (one sample per calendar day, ascending, dates as
YYYY-MM-DD) and prints the statistics as a JSON object. It uses only the standard library and is
written separately from the Swift code on purpose: the Swift test compares the two, so a mistake
has to be made twice, in two different formulations, to go unnoticed.

Conventions shared with the Swift side (they define the figures, not the code):
  * rows whose equity is not a finite number are ignored entirely (date and value);
  * the daily return between consecutive kept rows is e[i] / e[i-1] - 1, skipped when e[i-1] <= 0
    or when the quotient is not finite;
  * crypto trades every day, so annualisation uses 365 days;
  * a figure that would come out as NaN or infinite is reported as 0.

It is meant for sane reference curves: on absurd magnitudes (around 1e300) Python's exact
statistics may raise OverflowError where the Swift code reports 0.

Usage: backtest_stats_reference.py equity.csv > expected.json
"""

import csv
import datetime
import itertools
import json
import math
import statistics
import sys

DAYS_PER_YEAR = 365


def read_curve(path):
    """(dates, equity) from the CSV, keeping only rows with a finite equity."""
    dates, values = [], []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                value = float(row["equity"])
            except (TypeError, ValueError):
                continue
            if math.isfinite(value):
                dates.append(row["date"].strip())
                values.append(value)
    return dates, values


def calendar_days(start, end):
    """Whole days from one ISO date to another; 0 when either does not parse."""
    try:
        first = datetime.date.fromisoformat(start[:10])
        last = datetime.date.fromisoformat(end[:10])
    except ValueError:
        return 0
    return last.toordinal() - first.toordinal()


def finite_or_zero(value):
    return value if math.isfinite(value) else 0.0


def daily_returns(values):
    out = []
    for previous, current in zip(values, values[1:]):
        if previous <= 0:
            continue
        change = current / previous - 1.0
        if math.isfinite(change):
            out.append(change)
    return out


def growth_rate(values, elapsed_days):
    """Compound annual growth over the elapsed calendar days."""
    if elapsed_days <= 0 or not values or values[0] <= 0:
        return 0.0
    multiple = values[-1] / values[0]
    if multiple <= 0:
        return -1.0  # everything (or more) lost: the annualised rate is a total loss too
    try:
        return multiple ** (DAYS_PER_YEAR / elapsed_days) - 1.0
    except OverflowError:
        return 0.0


def worst_drawdown(dates, values):
    """The deepest fall below the running high: depth, peak/trough/recovery dates, duration.

    The running high is formed with itertools.accumulate; the trough is the first index of the
    greatest relative gap below it, the peak the latest index at or before the trough where the
    curve stood at its running high, and the recovery the first later index back at that level.
    """
    highs = list(itertools.accumulate(values, max))
    gaps = [(high - value) / high if high > 0 else 0.0 for value, high in zip(values, highs)]
    deepest = max(gaps, default=0.0)
    if not deepest > 0:
        return {"depth": 0.0, "peak": None, "trough": None, "recovery": None, "days": 0}
    trough = gaps.index(deepest)
    peak = max(j for j in range(trough + 1) if values[j] == highs[j])
    recovery = next((j for j in range(trough + 1, len(values)) if values[j] >= values[peak]), None)
    end = dates[recovery] if recovery is not None else dates[-1]
    return {
        "depth": deepest,
        "peak": dates[peak],
        "trough": dates[trough],
        "recovery": dates[recovery] if recovery is not None else None,
        "days": calendar_days(dates[peak], end),
    }


def compute(dates, values):
    returns = daily_returns(values)
    root_year = math.sqrt(DAYS_PER_YEAR)

    if len(returns) >= 2:
        mean = statistics.fmean(returns)
        spread = statistics.stdev(returns)
    else:
        mean = statistics.fmean(returns) if returns else 0.0
        spread = 0.0
    # Losing days squared, divided by ALL days: gains count as zero, they are not left out.
    downside = math.sqrt(math.fsum(r * r for r in returns if r < 0) / len(returns)) if returns else 0.0

    initial = values[0] if values else 0.0
    final = values[-1] if values else 0.0
    elapsed = calendar_days(dates[0], dates[-1]) if dates else 0
    cagr = finite_or_zero(growth_rate(values, elapsed))
    drawdown = worst_drawdown(dates, values)
    depth = finite_or_zero(drawdown["depth"])
    if depth == 0:  # an overflowed depth is reported as no drawdown, dates included
        drawdown.update(peak=None, trough=None, recovery=None, days=0)

    return {
        "total_return": finite_or_zero(final / initial - 1.0) if initial > 0 else 0.0,
        "cagr": cagr,
        "max_drawdown": depth,
        "max_drawdown_days": drawdown["days"],
        "max_drawdown_peak": drawdown["peak"],
        "max_drawdown_trough": drawdown["trough"],
        "max_drawdown_recovery": drawdown["recovery"],
        "volatility": finite_or_zero(spread * root_year),
        "sharpe": finite_or_zero(mean / spread * root_year) if spread > 0 else 0.0,
        "sortino": finite_or_zero(mean / downside * root_year) if downside > 0 else 0.0,
        "calmar": finite_or_zero(cagr / depth) if depth > 0 else 0.0,
    }


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: backtest_stats_reference.py equity.csv\n")
        return 2
    dates, values = read_curve(argv[1])
    print(json.dumps(compute(dates, values), indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
