"""Writes the Firestore fixtures in the REST wire form the Python client produces.

The mapping is the one google-cloud-firestore applies to a Python dict: bool -> booleanValue,
int -> integerValue (a decimal string in JSON), float -> doubleValue, str -> stringValue,
dict -> mapValue, list -> arrayValue, None -> nullValue. Run: python3 make_fixtures.py
"""
import json


def typed(value):
    if value is None:
        return {"nullValue": None}
    if isinstance(value, bool):
        return {"booleanValue": value}
    if isinstance(value, int):
        return {"integerValue": str(value)}
    if isinstance(value, float):
        return {"doubleValue": value}
    if isinstance(value, str):
        return {"stringValue": value}
    if isinstance(value, list):
        return {"arrayValue": {"values": [typed(item) for item in value]} if value else {}}
    if isinstance(value, dict):
        return {"mapValue": {"fields": {key: typed(item) for key, item in value.items()}} if value else {}}
    raise TypeError(type(value))


# A state document as the original engine leaves it after a March cycle on the previous pool,
# plus keys this engine does not know (an operator's note, a counter, a nested map) that must survive.
ORIGINAL_STATE = {
    "BTCUSDT": {"holding_qty": 0.0, "avg_cost": 0.0},
    "daily_equity_base": 0.0,
    "daily_trend_equity_base": 0.0,
    "daily_trend_pnl_basis": "trend_val",
    "last_reset_date": "2026-03-14",
    "is_circuit_broken": False,
    "dca_last_buy_date": "20260308",
    "dca_last_sell_date": "",
    "rotation_pool_last_month": "2026-02",
    "rotation_pool_symbols": ["ETHUSDT", "SOLUSDT", "LINKUSDT", "AVAXUSDT", "DOGEUSDT"],
    "rotation_pool_source_version": "2026-02-02-core_major",
    "rotation_pool_source_as_of_date": "2026-02-02",
    "last_btc_status_report_bucket": "2026031400",
    "trend_pool_source": "fresh_upstream",
    "trend_pool_source_detail": "firestore:strategy/CRYPTO_LIVE_POOL_ROTATION_LIVE_POOL",
    "trend_pool_is_fresh": True,
    "trend_pool_degraded": False,
    "trend_pool_as_of_date": "2026-02-02",
    "trend_pool_version": "2026-02-02-core_major",
    "trend_pool_mode": "core_major",
    "trend_pool_source_project": "crypto-live-pool-pipelines",
    "trend_pool_loaded_at": "2026-03-14T23:00:04+00:00",
    "trend_pool_messages": [],
    "last_balance_snapshot": {},
    "trend_pool_last_good_payload": {
        "as_of_date": "2026-02-02", "version": "2026-02-02-core_major", "mode": "core_major", "pool_size": 5,
        "symbols": ["ETHUSDT", "SOLUSDT", "LINKUSDT", "AVAXUSDT", "DOGEUSDT"],
        "symbol_map": {s: {"base_asset": s[:-4]} for s in ["ETHUSDT", "SOLUSDT", "LINKUSDT", "AVAXUSDT", "DOGEUSDT"]},
        "source_project": "crypto-live-pool-pipelines",
    },
    "trend_action_history": {"AVAXUSDT": {"action": "sell", "date": "20260221"}},
    "retired_trend_positions": {},
    "ETHUSDT": {"is_holding": False, "entry_price": 0.0, "highest_price": 0.0},
    "SOLUSDT": {"is_holding": False, "entry_price": 0.0, "highest_price": 0.0},
    "LINKUSDT": {"is_holding": False, "entry_price": 0.0, "highest_price": 0.0},
    "AVAXUSDT": {"is_holding": False, "entry_price": 0.0, "highest_price": 0.0},
    "DOGEUSDT": {"is_holding": False, "entry_price": 0.0, "highest_price": 0.0},
    "operator_note": "migrated from the Python engine",
    "operator_review_count": 3,
    "operator_limits": {"max_positions": 2, "ratio": 0.5, "flags": [True, None, 7, 1.25]},
}

with open("original_state.fields.json", "w") as handle:
    json.dump({key: typed(value) for key, value in ORIGINAL_STATE.items()}, handle, indent=2, ensure_ascii=False)
    handle.write("\n")
