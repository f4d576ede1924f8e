#!/usr/bin/env python3
"""Check the paper market data against the strategy situations README.md promises.

Standard library only. Reads klines/*.json and live_pool.json, recomputes the daily
indicators, the BTC snapshot, the selection of trend targets, the sell reasons and the BTC DCA
multiplier of docs/strategy.md for every day from row 563 (the first row with a BTC sell_trigger), with
the day's close as the current price, prints the figures and asserts the situations.
Run: python3 Fixtures/paper_market/check.py
"""
import json
import math
import os
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))


def load(symbol):
    with open(os.path.join(HERE, "klines", symbol + ".json")) as f:
        rows = json.load(f)
    for a, b in zip(rows, rows[1:]):
        assert b[0] - a[0] == 86_400_000 and a[6] == a[0] + 86_399_999, symbol
    return {k: [float(r[i]) for r in rows] for k, i in
            (("open", 1), ("high", 2), ("low", 3), ("close", 4), ("volume", 5))} | {
            "t": [r[0] for r in rows]}


def day(k):
    return datetime.fromtimestamp(K["BTCUSDT"]["t"][k] / 1000, timezone.utc).strftime("%Y-%m-%d")


def mean(xs):
    return sum(xs) / len(xs)


def sstd(xs):
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def quantile(xs, q):                     # pandas/numpy "linear"
    s = sorted(xs)
    pos = q * (len(s) - 1)
    lo = int(math.floor(pos))
    return s[lo] + (s[min(lo + 1, len(s) - 1)] - s[lo]) * (pos - lo)


def btc_snapshot(d):
    c = K["BTCUSDT"]["close"]
    ma = lambda k: mean(c[k - 199:k + 1])
    z = lambda k: (c[k] - ma(k)) / sstd(c[k - 199:k + 1])
    zs = [z(k) for k in range(d - 364, d + 1)]
    ma200 = ma(d)
    geom = math.exp(mean([math.log(x) for x in c[d - 199:d + 1]]))
    s = {"price": c[d], "ma200": ma200, "zscore": zs[-1], "geom200": geom,
         "sell_trigger_raw": quantile(zs, 0.95), "sell_trigger": max(2.5, quantile(zs, 0.95)), "ma200_slope": ma200 / ma(d - 20) - 1,
         "roc20": c[d] / c[d - 20] - 1, "roc60": c[d] / c[d - 60] - 1,
         "roc120": c[d] / c[d - 120] - 1}
    s["regime_on"] = s["price"] > ma200 and s["ma200_slope"] > 0
    s["ahr999"] = s["price"] / geom
    a = s["ahr999"]
    s["dca_multiplier"] = 5 if a < 0.45 else 2 if a < 0.8 else 1 if a < 1.2 else 0
    s["trim"] = s["zscore"] > s["sell_trigger"]
    return s


def indicators(symbol, d):
    k = K[symbol]
    c, h, lo = k["close"], k["high"], k["low"]
    rets = [c[i] / c[i - 1] - 1 for i in range(d - 19, d + 1)]
    tr = [max(h[i] - lo[i], abs(h[i] - c[i - 1]), abs(lo[i] - c[i - 1])) for i in range(d - 13, d + 1)]
    return {"price": c[d], "sma20": mean(c[d - 19:d + 1]), "sma60": mean(c[d - 59:d + 1]),
            "sma200": mean(c[d - 199:d + 1]), "roc20": c[d] / c[d - 20] - 1,
            "roc60": c[d] / c[d - 60] - 1, "roc120": c[d] / c[d - 120] - 1,
            "vol20": sstd(rets), "atr14": mean(tr)}


def selection(d, btc):
    """docs/strategy.md#selecting-trend-targets: (top-2 symbols, {symbol: (indicators, filter reason or None, score)})."""
    out, ranked = {}, []
    for sym in POOL:
        i = indicators(sym, d)
        rel = [i[f"roc{n}"] - btc[f"roc{n}"] for n in (20, 60, 120)]
        i["relative_score"] = (0.5 * rel[0] + 0.3 * rel[1] + 0.2 * rel[2]) / i["vol20"]
        i["abs_momentum"] = 0.5 * i["roc20"] + 0.3 * i["roc60"] + 0.2 * i["roc120"]
        why = ("btc_regime_off" if not btc["regime_on"] else
               next((f"price_lte_{m}" for m in ("sma20", "sma60", "sma200") if i["price"] <= i[m]), None)
               or ("relative_score_lte_zero" if i["relative_score"] <= 0 else
                   "abs_momentum_lte_zero" if i["abs_momentum"] <= 0 else None))
        out[sym] = (i, why)
        if why is None:
            ranked.append((sym, i["relative_score"]))
    ranked.sort(key=lambda x: -x[1])
    return [s for s, _ in ranked[:2]], out


def backtest(first, last):
    """Hold each pool symbol while it is a top-2 target; report buys and the sells of docs/strategy.md#sell-reasons."""
    held, events = {}, []
    for d in range(first, last + 1):
        btc = btc_snapshot(d)
        top, info = selection(d, btc)
        for sym in list(held):
            i = info[sym][0]
            held[sym] = max(held[sym], i["price"])
            stop = held[sym] - 2.5 * i["atr14"]
            reason = ("Rotated out of candidates" if sym not in top else "Below SMA60"
                      if i["price"] < i["sma60"] else f"ATR trailing stop (${stop:.2f})"
                      if i["price"] < stop else None)
            if reason:
                events.append((d, "sell", sym, reason, i["price"] < i["sma60"], i["price"] < stop,
                               f"filter {info[sym][1]}, price {i['price']:g}, high {held[sym]:g}, "
                               f"atr14 {i['atr14']:.6g}, stop {stop:.6g}, sma60 {i['sma60']:.6g}"))
                del held[sym]
        for sym in top:
            if sym not in held and not any(e[0] == d and e[2] == sym for e in events):
                held[sym] = info[sym][0]["price"]
                events.append((d, "buy", sym, "", False, False, None))
    return events


def main():
    global K, POOL
    with open(os.path.join(HERE, "live_pool.json")) as f:
        POOL = json.load(f)["symbols"]
    K = {s: load(s) for s in ["BTCUSDT"] + POOL}
    last = len(K["BTCUSDT"]["close"]) - 1
    assert day(last) == "2026-10-31" and last == 799

    btc = btc_snapshot(last)
    print(f"== last day {day(last)} (row {last}), price = last close")
    print("BTC " + "  ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}"
                             for k, v in btc.items()))
    top, info = selection(last, btc)
    for sym in POOL:
        i, why = info[sym]
        print(f"{sym:9} " + " ".join(f"{k} {i[k]:.6g}" for k in
              ("price", "sma20", "sma60", "sma200", "vol20", "relative_score", "abs_momentum")),
              "->", "SELECTED" if sym in top else "passes (not top 2)" if why is None else why)
    assert btc["regime_on"] and 0.8 <= btc["ahr999"] < 1.2 and not btc["trim"]
    passing = [s for s in POOL if info[s][1] is None]
    assert len(passing) >= 3 and len(top) == 2 and len(passing) < len(POOL), passing

    first = 563
    snaps = {d: btc_snapshot(d) for d in range(first, last + 1)}
    def spans(pred):
        out, start = [], None
        for d in range(first, last + 2):
            if d <= last and pred(snaps[d]):
                start = d if start is None else start
            elif start is not None:
                out.append(f"{day(start)}..{day(d - 1)} (rows {start}-{d - 1})")
                start = None
        return out
    print("\n== BTC over rows 563-799")
    for name, pred in (("regime off", lambda s: not s["regime_on"]),
                       ("ahr999 < 0.8 (DCA x2)", lambda s: s["ahr999"] < 0.8),
                       ("ahr999 >= 1.2 (DCA off)", lambda s: s["ahr999"] >= 1.2),
                       ("zscore > sell_trigger (trim)", lambda s: s["trim"])):
        found = spans(pred)
        print(f"{name}: {', '.join(found) or 'never'}")
        if "DCA off" not in name:
            assert found, name
    for d in (563, 566, 568, 600, 700, 744, 747, 750, 766):
        s = snaps[d]
        print(f"  {day(d)} row {d}: price {s['price']:.2f} ma200 {s['ma200']:.2f} slope "
              f"{s['ma200_slope']:.4f} ahr999 {s['ahr999']:.4f} zscore {s['zscore']:.4f} "
              f"sell_trigger {s['sell_trigger']:.4f} regime_on {s['regime_on']}")

    print("\n== holder of the top-2 pool symbols, rows 563-799 (buy at the day's close)")
    events = backtest(first, last)
    for d, kind, sym, reason, below60, belowstop, why in events:
        extra = f"\n      [price<sma60 {below60}, price<stop {belowstop}, {why}]" if kind == "sell" else ""
        print(f"  {day(d)} row {d} {kind:4} {sym:9} {reason}{extra}")
    stopped = [e for e in events if e[3].startswith("ATR trailing stop") and snaps[e[0]]["regime_on"]]
    assert stopped, "no ATR trailing stop while BTC regime is on"
    for sym in POOL:
        below = [d for d in range(stopped[0][0], last + 1) if (lambda i: i["price"] < i["sma60"])(indicators(sym, d))]
        print(f"{sym} first below sma60 on/after {day(stopped[0][0])}: {day(below[0]) if below else 'never'}")
    print("\nall checks passed")


if __name__ == "__main__":
    main()
