#!/usr/bin/env python3
"""Write a long, seeded, synthetic market history in Binance's public-data archive layout.

The backtest (`cycle backtest --data DIR`) and its benchmark read it; nothing it writes is
committed. Same arguments, same bytes.

    python3 Fixtures/paper_market/generate_history.py --out DIR [--years 8] [--end 2026-10-31]
        [--symbols 13] [--seed 7] [--zip]

Writes, in DIR:
  SYMBOL-1h-YYYY-MM.csv (or .zip holding that csv)  hourly klines, the archive's 12 columns,
      no header; open/close times in milliseconds before 2025, microseconds from 2025 on, as
      the archive does
  exchange_info.json                                 GET /api/v3/exchangeInfo for the symbols,
      filters as generate.py writes them (the same symbols, ticks and lot steps)

Price model (an extension of generate.py's regimes to years and hours): BTC's life is a
chain of regimes (bull, bear, chop, crash, recovery) drawn from a seeded Markov chain, each
lasting days to months with a drift that also pulls the log price back towards a slowly
rising anchor (so eight years stay in a realistic range). Each hour's log-return is the
regime's drift plus N(0, sd / sqrt(24)); altcoins add beta x BTC's noise of the same hour
and their own regime tilt, and crash harder. open = previous close; high/low widen open/close
by |N(0, sd_hour / 2)|; volume follows the regime (spikes in crashes) and |return|.
"""
import argparse
import io
import math
import os
import random
import sys
import zipfile
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import KINDS, SYMBOLS, symbol_info  # noqa: E402  (the bundled market's symbols)

HOUR_MS = 3_600_000
MICROSECONDS_FROM = int(datetime(2025, 1, 1, tzinfo=timezone.utc).timestamp() * 1000)
# regime kind -> (next kinds, mean length in days, annualised-ish drift per day)
CHAIN = {
    "bull": (["chop", "bear", "bull"], 70, 0.004),
    "bear": (["chop", "crash", "recovery", "bear"], 60, -0.003),
    "chop": (["bull", "bear", "chop"], 45, 0.0),
    "crash": (["recovery", "bear"], 6, -0.035),
    "recovery": (["bull", "chop"], 30, 0.006),
}


def regimes(rng, days):
    """[(kind, days, daily drift)] covering `days`, BTC's calendar."""
    out, kind, total, log_price = [], "chop", 0, 0.0
    while total < days:
        nexts, mean_len, drift = CHAIN[kind]
        length = max(2, int(rng.expovariate(1.0 / mean_len)))
        length = min(length, days - total)
        anchor = 0.0004 * total            # a slow secular rise of the log price
        pull = -0.25 * (log_price - anchor) / max(length, 1)
        daily = drift + pull + rng.gauss(0.0, 0.001)
        out.append((kind, length, daily))
        log_price += daily * length
        total += length
        kind = rng.choice(nexts)
    return out


def fmt(x, decimals):
    return "%.*f" % (decimals, x)


def hourly_rows(symbol, spec, calendar, btc_noise, first_open_ms, hours, seed):
    _, first_open, pd, step, vf, beta, base_vol, _, _ = spec
    rng = random.Random(seed)
    vd = len(step.split(".")[1]) if "." in step else 0
    tick = 10.0 ** -pd
    tilt = rng.gauss(0.0, 0.0008)
    rows, noise = [], []
    close = first_open
    open_s = fmt(first_open, pd)
    h = 0
    for kind, days, daily in calendar:
        sd_day = KINDS[kind][0] * vf
        sd = sd_day / math.sqrt(24)
        drift = (daily * (1.3 if beta else 1.0) + (tilt if beta else 0.0)) / 24
        if kind == "crash" and beta:
            drift *= 1.3
        for _ in range(days * 24):
            if h >= hours:
                break
            eps = rng.gauss(0.0, sd) + beta * btc_noise[h]
            noise.append(eps)
            close = max(close * math.exp(drift + eps), tick * 50)
            o, c = float(open_s), round(close, pd)
            high = max(o, c) * math.exp(abs(rng.gauss(0.0, sd / 2)))
            low = min(o, c) * math.exp(-abs(rng.gauss(0.0, sd / 2)))
            high, low = max(round(high, pd), o, c), max(min(round(low, pd), o, c), tick)
            r = drift + eps
            volume = round(base_vol / 24 * KINDS[kind][1] * math.exp(rng.gauss(0.0, 0.3)) * (1 + 40 * abs(r)), vd)
            typical = (high + low + c) / 3
            t = first_open_ms + h * HOUR_MS
            scale = 1000 if t >= MICROSECONDS_FROM else 1
            close_s = fmt(c, pd)
            trades = int(volume * typical / 300) + 1
            taker = round(volume * min(0.7, max(0.3, 0.5 + 20 * r)), vd)
            rows.append((t, "%d,%s,%s,%s,%s,%s,%d,%s,%d,%s,%s,0" % (
                t * scale, open_s, fmt(high, pd), fmt(low, pd), close_s, fmt(volume, vd),
                (t + HOUR_MS) * scale - 1, fmt(volume * typical, 8), trades, fmt(taker, vd),
                fmt(taker * typical, 8))))
            open_s = close_s
            h += 1
    return rows, noise, float(open_s)


def write_months(out, symbol, rows, as_zip):
    by_month = {}
    for t, line in rows:
        month = datetime.fromtimestamp(t / 1000, tz=timezone.utc).strftime("%Y-%m")
        by_month.setdefault(month, []).append(line)
    for month, lines in by_month.items():
        name = "%s-1h-%s.csv" % (symbol, month)
        body = "\n".join(lines) + "\n"
        if as_zip:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, body)
            with open(os.path.join(out, name[:-4] + ".zip"), "wb") as f:
                f.write(buffer.getvalue())
        else:
            with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
                f.write(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--years", type=float, default=8)
    parser.add_argument("--end", default="2026-10-31", help="last day (UTC), inclusive")
    parser.add_argument("--symbols", type=int, default=len(SYMBOLS), help="how many (BTC and BNB first)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--zip", action="store_true", help="write .zip files like the archive")
    args = parser.parse_args()

    end = datetime.fromisoformat(args.end).replace(tzinfo=timezone.utc) + timedelta(days=1)
    days = int(round(args.years * 365.25))
    start = end - timedelta(days=days)
    first_open_ms = int(start.timestamp() * 1000)
    hours = days * 24
    order = ["BTCUSDT", "BNBUSDT"] + [s for s in SYMBOLS if s not in ("BTCUSDT", "BNBUSDT")]
    chosen = order[:max(1, min(args.symbols, len(order)))]

    os.makedirs(args.out, exist_ok=True)
    calendar = regimes(random.Random(args.seed), days)
    btc_noise = [0.0] * hours
    last = {}
    for index, symbol in enumerate(chosen):
        spec = SYMBOLS[symbol]
        rows, noise, last[symbol] = hourly_rows(symbol, spec, calendar, btc_noise, first_open_ms, hours,
                                                 args.seed * 1000 + spec[0])
        if symbol == "BTCUSDT":
            btc_noise = noise
        write_months(args.out, symbol, rows, args.zip)
    info = {"timezone": "UTC", "serverTime": first_open_ms + hours * HOUR_MS - 1, "rateLimits": [],
            "exchangeFilters": [], "symbols": [symbol_info(s, SYMBOLS[s], last[s]) for s in chosen]}
    import json
    with open(os.path.join(args.out, "exchange_info.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(info, indent=1) + "\n")
    print("wrote %d symbols x %d hours (%s .. %s) to %s" % (
        len(chosen), hours, start.date().isoformat(), (end - timedelta(days=1)).date().isoformat(), args.out))


if __name__ == "__main__":
    main()
