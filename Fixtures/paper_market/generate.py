#!/usr/bin/env python3
"""Generate the paper exchange's bundled market data (standard library only, seeded).

Writes, next to this file:
  klines/<SYMBOL>.json  800 Binance daily kline arrays per symbol, 2024-08-23 .. 2026-10-31
  exchange_info.json    a GET /api/v3/exchangeInfo document for the 13 symbols
  live_pool.json        an upstream live-pool artifact (docs/strategy.md#payload), as of 2026-10-01

Price model: each symbol's life is a list of regimes (kind, days, total move). Inside a
regime the daily log-returns are N(0, vol) noise (vol set by the regime kind and the
symbol's volatility factor; altcoins add beta x BTC's noise of the same day) plus a
constant drift chosen so the regime ends exactly at its target move (a Brownian bridge).
That keeps the dated strategy situations (see README.md, checked by check.py) stable
while the day-to-day path stays random. open = previous close; high/low widen
open/close by |N(0, vol/2)|; volume follows the regime (spikes in crashes) and |return|.
Running the script twice gives byte-identical files.
"""
import json
import math
import os
import random
from datetime import datetime, timezone

DAY_MS = 86_400_000
ROWS = 800
LAST_OPEN_MS = int(datetime(2026, 10, 31, tzinfo=timezone.utc).timestamp() * 1000)
FIRST_OPEN_MS = LAST_OPEN_MS - (ROWS - 1) * DAY_MS          # 2024-08-23
HERE = os.path.dirname(os.path.abspath(__file__))

# regime kind -> (daily noise sd for a volatility factor of 1, volume multiplier)
KINDS = {"bull": (0.022, 1.25), "bear": (0.026, 1.10), "chop": (0.018, 0.80),
         "crash": (0.030, 3.50), "recovery": (0.030, 1.60)}

# BTC: the market. Prices are the exact regime-end closes (the bridge guarantees them).
BTC_REGIMES = [("bull", 120, 0.22),        # rows   0-119  60k -> 73k
               ("bear", 100, -0.15),       # rows 120-219  -> 62k
               ("bull", 160, 0.60),        # rows 220-379  -> 99k
               ("chop", 90, 0.02),         # rows 380-469  top, -> 101k
               ("bear", 96, -0.20),        # rows 470-565  -> 81k: regime off
               ("crash", 6, -0.30),        # rows 566-571  -> 57k: ahr999 < 0.8
               ("recovery", 28, 0.08),     # rows 572-599  -> 61k
               ("chop", 100, 0.03),        # rows 600-699  base -> 63k
               ("bull", 40, 0.36),         # rows 700-739  breakout -> 86k: zscore > sell_trigger
               ("chop", 60, -0.04)]        # rows 740-799  consolidation -> 82.6k


def follow(tilts, crash=-0.40):
    """Altcoin regimes on BTC's calendar: each move = BTC's move x 1.3 plus a tilt."""
    out = []
    for (kind, n, move), tilt in zip(BTC_REGIMES, tilts):
        m = crash if kind == "crash" else math.exp(1.3 * math.log(1 + move) + tilt) - 1
        out.append((kind, n, m))
    return out


# symbol: seed, first open, price decimals, lot step, volatility factor, beta to BTC,
#         base volume (base asset units/day), USDT per trade, regimes
SYMBOLS = {
    "BTCUSDT": (14, 60000.0, 2, "0.00001", 1.0, 0.0, 22000, 450, BTC_REGIMES),
    "ETHUSDT": (101, 2500.0, 2, "0.0001", 1.2, 1.0, 420000, 380, follow(
        [0.0, -0.05, -0.15, 0.0, -0.05, 0, 0.05, 0.05, 0.0, 0.12], crash=-0.40)),
    "SOLUSDT": (202, 145.0, 2, "0.001", 1.6, 1.1, 3500000, 260, follow(
        [0.1, 0.0, 0.1, -0.05, -0.05, 0, 0.10, 0.10, 0.10, 0.22], crash=-0.45)),
    # XRP: own list on the same calendar: a big 2024-25 rally, then a bear into the end.
    "XRPUSDT": (303, 0.58, 4, "0.1", 1.5, 1.0, 160000000, 220, [
        ("bull", 120, 0.35), ("bear", 100, -0.20), ("bull", 160, 3.10), ("chop", 90, -0.05),
        ("bear", 96, -0.28), ("crash", 6, -0.38), ("recovery", 28, 0.12),
        ("chop", 100, 0.05), ("bull", 40, 0.10), ("bear", 60, -0.22)]),
    "LINKUSDT": (404, 10.5, 2, "0.01", 1.5, 1.0, 3200000, 210, follow(
        [0.0, 0.0, 0.0, 0.0, -0.05, 0, 0.05, 0.0, 0.08, 0.25], crash=-0.42)),
    # DOGE: last 60 days replaced: quiet 8, pump +85% (rows 748-765), crash -38% (766-769)
    "DOGEUSDT": (505, 0.105, 5, "1", 1.8, 1.2, 1500000000, 240, follow(
        [0.1, 0.0, 0.2, 0.0, -0.1, 0, 0.0, 0.0, 0.0, 0.0], crash=-0.48)[:-1] + [
        ("bull", 8, 0.05), ("bull", 18, 0.85), ("crash", 4, -0.38), ("bear", 30, -0.12)]),
    "BNBUSDT": (606, 540.0, 2, "0.001", 1.0, 0.8, 160000, 330, follow(
        [0.0, 0.05, -0.1, 0.05, 0.05, 0.1, 0.0, 0.05, -0.05, 0.05], crash=-0.25)),
    "AVAXUSDT": (707, 22.0, 2, "0.01", 1.6, 1.1, 2200000, 190, follow(
        [0.0, -0.1, -0.1, -0.05, -0.1, 0, 0.0, -0.05, 0.1, -0.05], crash=-0.50)),
    "ADAUSDT": (808, 0.34, 4, "0.1", 1.5, 1.0, 150000000, 170, follow(
        [0.0, 0.0, 0.3, -0.1, -0.05, 0, 0.0, 0.0, 0.0, -0.08])),
    "TRXUSDT": (909, 0.13, 4, "0.1", 0.9, 0.6, 320000000, 150, follow(
        [0.1, 0.1, 0.3, 0.05, 0.05, 0.15, 0.0, 0.0, -0.1, 0.03], crash=-0.22)),
    "ATOMUSDT": (1010, 5.6, 3, "0.01", 1.4, 1.0, 1800000, 120, follow(
        [-0.1, -0.05, -0.3, -0.05, -0.05, 0, 0.0, -0.05, 0.0, -0.05], crash=-0.45)),
    "LTCUSDT": (1111, 66.0, 2, "0.001", 1.2, 0.9, 450000, 160, follow(
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.05, 0.0, 0.0, 0.0, 0.0], crash=-0.35)),
    "BCHUSDT": (1212, 340.0, 1, "0.001", 1.3, 0.9, 60000, 170, follow(
        [0.0, 0.05, 0.0, 0.0, 0.05, 0.0, 0.0, 0.05, 0.0, 0.05], crash=-0.38)),
}


def daily_returns(rng, regimes, vf, beta, market_noise):
    """Bridged log-returns, the noise part alone (for altcoins to follow), regime kinds."""
    rets, noise, kinds = [], [], []
    for kind, n, move in regimes:
        sd = KINDS[kind][0] * vf
        eps = [rng.gauss(0.0, sd) + beta * market_noise[len(noise) + j] for j in range(n)]
        drift = (math.log(1.0 + move) - sum(eps)) / n
        rets += [e + drift for e in eps]
        noise += eps
        kinds += [kind] * n
    assert len(rets) == ROWS, (len(rets), regimes)
    return rets, noise, kinds


def fmt(x, decimals):
    return "%.*f" % (decimals, x)


def klines(symbol, spec, market_noise):
    seed, first_open, pd, step, vf, beta, base_vol, trade_size, regimes = spec
    rng = random.Random(seed)
    rets, noise, kinds = daily_returns(rng, regimes, vf, beta, market_noise)
    vd = len(step.split(".")[1]) if "." in step else 0
    tick = 10.0 ** -pd
    rows, close = [], first_open
    open_s = fmt(first_open, pd)
    for i, (r, kind) in enumerate(zip(rets, kinds)):
        close *= math.exp(r)
        sd = KINDS[kind][0] * vf
        o, c = float(open_s), round(close, pd)
        high = max(o, c) * math.exp(abs(rng.gauss(0.0, sd / 2)))
        low = min(o, c) * math.exp(-abs(rng.gauss(0.0, sd / 2)))
        high, low = max(round(high, pd), o, c), max(min(round(low, pd), o, c), tick)
        volume = base_vol * KINDS[kind][1] * math.exp(rng.gauss(0.0, 0.25)) * (1 + 8 * abs(r))
        volume = round(volume, vd)
        typical = (high + low + c) / 3
        quote_vol = volume * typical
        taker_share = min(0.7, max(0.3, 0.5 + 2 * r + rng.gauss(0.0, 0.03)))
        taker_base = round(volume * taker_share, vd)
        trades = int(quote_vol / (trade_size * rng.uniform(0.8, 1.25)))
        t = FIRST_OPEN_MS + i * DAY_MS
        close_s = fmt(c, pd)
        rows.append([t, open_s, fmt(high, pd), fmt(low, pd), close_s, fmt(volume, vd),
                     t + DAY_MS - 1, fmt(quote_vol, 2), trades, fmt(taker_base, vd),
                     fmt(taker_base * typical, 2), "0"])
        open_s = close_s
    return rows, noise


def symbol_info(symbol, spec, last_price):
    pd, step = spec[2], float(spec[3])
    d8 = lambda x: "%.8f" % x
    tick = 10.0 ** -pd
    max_qty = 9000 if step < 0.001 else 900000 if step < 0.1 else 92141578
    market_max = round(5_000_000 / last_price / step) * step   # ~5M USDT per market order
    return {
        "symbol": symbol, "status": "TRADING", "baseAsset": symbol[:-4], "baseAssetPrecision": 8,
        "quoteAsset": "USDT", "quotePrecision": 8, "quoteAssetPrecision": 8,
        "baseCommissionPrecision": 8, "quoteCommissionPrecision": 8,
        "orderTypes": ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT",
                       "TAKE_PROFIT", "TAKE_PROFIT_LIMIT"],
        "icebergAllowed": True, "ocoAllowed": True, "otoAllowed": True,
        "quoteOrderQtyMarketAllowed": True, "allowTrailingStop": True,
        "cancelReplaceAllowed": True, "isSpotTradingAllowed": True,
        "isMarginTradingAllowed": True,
        "filters": [
            {"filterType": "PRICE_FILTER", "minPrice": d8(tick),
             "maxPrice": d8(1_000_000 if pd <= 2 else 10_000 if pd <= 4 else 1000),
             "tickSize": d8(tick)},
            {"filterType": "LOT_SIZE", "minQty": d8(step), "maxQty": d8(max_qty),
             "stepSize": d8(step)},
            {"filterType": "ICEBERG_PARTS", "limit": 10},
            {"filterType": "MARKET_LOT_SIZE", "minQty": d8(0), "maxQty": d8(market_max),
             "stepSize": d8(0)},
            {"filterType": "TRAILING_DELTA", "minTrailingAboveDelta": 10,
             "maxTrailingAboveDelta": 2000, "minTrailingBelowDelta": 10,
             "maxTrailingBelowDelta": 2000},
            {"filterType": "PERCENT_PRICE_BY_SIDE", "bidMultiplierUp": "5",
             "bidMultiplierDown": "0.2", "askMultiplierUp": "5", "askMultiplierDown": "0.2",
             "avgPriceMins": 5},
            {"filterType": "NOTIONAL", "minNotional": d8(5), "applyMinToMarket": True,
             "maxNotional": d8(9_000_000), "applyMaxToMarket": False, "avgPriceMins": 5},
            {"filterType": "MAX_NUM_ORDERS", "maxNumOrders": 200},
            {"filterType": "MAX_NUM_ALGO_ORDERS", "maxNumAlgoOrders": 5},
        ],
        "permissions": [], "permissionSets": [["SPOT", "MARGIN"]],
        "defaultSelfTradePreventionMode": "EXPIRE_MAKER",
        "allowedSelfTradePreventionModes": ["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"],
    }


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


POOL = ["SOLUSDT", "ETHUSDT", "LINKUSDT", "DOGEUSDT", "XRPUSDT"]


def main():
    btc_noise, last_close = [0.0] * ROWS, {}
    for symbol, spec in SYMBOLS.items():             # BTC first: altcoins follow its noise
        rows, noise = klines(symbol, spec, btc_noise)
        if symbol == "BTCUSDT":
            btc_noise = noise
        last_close[symbol] = float(rows[-1][4])
        body = ",\n".join(json.dumps(r, separators=(",", ":")) for r in rows)
        write(os.path.join(HERE, "klines", symbol + ".json"), "[\n" + body + "\n]\n")
    info = {
        "timezone": "UTC", "serverTime": LAST_OPEN_MS + DAY_MS - 1,
        "rateLimits": [
            {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000},
            {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 100},
            {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 1, "limit": 200000},
            {"rateLimitType": "RAW_REQUESTS", "interval": "MINUTE", "intervalNum": 5, "limit": 61000}],
        "exchangeFilters": [],
        "symbols": [symbol_info(s, SYMBOLS[s], last_close[s]) for s in SYMBOLS],
    }
    write(os.path.join(HERE, "exchange_info.json"), json.dumps(info, indent=1) + "\n")
    pool = {"as_of_date": "2026-10-01", "version": "2026-10-01-core_major",
            "mode": "core_major", "pool_size": len(POOL), "symbols": POOL,
            "symbol_map": {s: {"base_asset": s[:-4]} for s in POOL},
            "source_project": "crypto-live-pool-pipelines"}
    write(os.path.join(HERE, "live_pool.json"), json.dumps(pool, indent=2) + "\n")


if __name__ == "__main__":
    main()
