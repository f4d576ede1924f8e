import Testing
import Engine
import Strategy

/// docs/strategy.md#the-state-document: the original's keys and types, unknown keys kept, retired-position normalisation.
@Suite struct TradeStateTests {
    @Test func missingDocumentGivesDefaultsWithOneEntryPerPoolSymbol() throws {
        let state = try TradeState.normalized(from: nil, universe: ["ETHUSDT", "SOLUSDT"])
        let document = state.document
        #expect(document["ETHUSDT"] == ["is_holding": false, "entry_price": 0.0, "highest_price": 0.0])
        #expect(document["BTCUSDT"] == ["holding_qty": 0.0, "avg_cost": 0.0])
        #expect(document["trend_pool_last_good_payload"] == .object([:]))
        #expect(document["is_circuit_broken"] == .bool(false))
        #expect(document["rotation_pool_symbols"] == .array([]))
    }

    @Test func unknownKeysArePreservedAndTypesKept() throws {
        let stored: JSONValue = [
            "operator_note": "keep me", "schema": .int(3), "daily_equity_base": 1234.5,
            "BTCUSDT": ["holding_qty": 0.5, "avg_cost": 30000.0, "custom": "x"],
            "trend_pool_last_good_payload": ["pool_size": .int(5), "symbols": ["ETHUSDT"]],
        ]
        let document = try TradeState.normalized(from: stored, universe: ["ETHUSDT"]).document
        #expect(document["operator_note"] == "keep me")
        #expect(document["schema"] == .int(3))
        #expect(document["daily_equity_base"] == .double(1234.5))
        #expect(document["BTCUSDT"]?["custom"] == "x")
        #expect(document["trend_pool_last_good_payload"]?["pool_size"] == .int(5))
    }

    @Test func activePositionThatLeftThePoolIsRetiredAndInactiveOneDropped() throws {
        let stored: JSONValue = [
            "DOGEUSDT": ["is_holding": true, "entry_price": 0.1, "highest_price": 0.12],
            "ADAUSDT": ["is_holding": false, "entry_price": 0.0, "highest_price": 0.0],
        ]
        let state = try TradeState.normalized(from: stored, universe: ["ETHUSDT"])
        #expect(state.retiredPositions["DOGEUSDT"] == RetiredPosition(position: PositionState(isHolding: true, entryPrice: 0.1, highestPrice: 0.12), baseAsset: "DOGE"))
        #expect(state.retiredPositions["ADAUSDT"] == nil)
        #expect(state.document["DOGEUSDT"] == nil, "a retired symbol lives under retired_trend_positions only")
        #expect(state.document["retired_trend_positions"]?["DOGEUSDT"]?["base_asset"] == "DOGE")
        let universe = state.runtimeUniverse(resolved: [UniverseMember(symbol: "ETHUSDT", baseAsset: "ETH", isRetired: false)])
        #expect(universe.map(\.symbol) == ["ETHUSDT", "DOGEUSDT"])
        #expect(universe.last?.isRetired == true)
    }

    @Test func retiredEntryMergesUnderTheTopLevelEntryWhenTheSymbolReturns() throws {
        let stored: JSONValue = [
            "retired_trend_positions": ["SOLUSDT": ["is_holding": true, "entry_price": 100.0, "highest_price": 120.0, "base_asset": "SOL"]],
            "SOLUSDT": ["highest_price": 130.0],
        ]
        let state = try TradeState.normalized(from: stored, universe: ["SOLUSDT"])
        #expect(state.positions["SOLUSDT"] == PositionState(isHolding: true, entryPrice: 100, highestPrice: 130))
        #expect(state.retiredPositions.isEmpty)
    }

    @Test func settingARetiredSymbolFlatRemovesIt() throws {
        var state = try TradeState.normalized(from: ["retired_trend_positions": ["DOGEUSDT": ["is_holding": true, "base_asset": "DOGE"]]], universe: [])
        state.setPosition(.flat, of: "DOGEUSDT")
        #expect(state.retiredPositions.isEmpty)
    }

    @Test(arguments: [
        ("daily_equity_base", JSONValue.string("lots")), ("rotation_pool_symbols", JSONValue.string("ETHUSDT")),
        ("last_reset_date", JSONValue.int(20260315)), ("last_balance_snapshot", JSONValue.array([])),
        ("is_circuit_broken", JSONValue.string("false")),
    ])
    func wrongTypeForAKnownKeyIsRefusedNamingTheKey(_ key: String, _ value: JSONValue) {
        do {
            _ = try TradeState.normalized(from: .object([key: value]), universe: [])
            Issue.record("\(key) should be refused")
        } catch let error as StateDocumentError {
            #expect(error.key == key)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func nonObjectDocumentIsRefused() {
        #expect(throws: StateDocumentError.self) { try TradeState.normalized(from: .array([]), universe: []) }
    }

    /// Issue 12 / docs/strategy.md#the-state-document: a write keeps the stored document's key order (keys it did not have
    /// follow), the order of retired positions and action history, and sub-keys of a position
    /// entry this engine does not own.
    @Test func aWriteKeepsTheStoredKeyOrderAndForeignSubKeys() throws {
        let stored = try JSONParser.parse("""
            {"zz_operator_note": "first", "SOLUSDT": {"note": "mine", "highest_price": 120.0, "is_holding": true, "entry_price": 100.0},
             "retired_trend_positions": {"XRPUSDT": {"is_holding": true, "entry_price": 0.5, "base_asset": "XRP"},
                                         "ADAUSDT": {"is_holding": true, "entry_price": 0.3, "base_asset": "ADA"}},
             "trend_action_history": {"TRXUSDT": {"action": "sell", "date": "20260301"}, "ETHUSDT": {"action": "buy", "date": "20260302"}},
             "daily_equity_base": 10.0, "BTCUSDT": {"holding_qty": 0.1, "avg_cost": 1.0}}
            """)
        let document = try TradeState.normalized(from: stored, universe: ["SOLUSDT", "ETHUSDT"]).document
        let keys = try #require(document.objectValue).keys
        #expect(Array(keys.prefix(6)) == ["zz_operator_note", "SOLUSDT", "retired_trend_positions", "trend_action_history", "daily_equity_base", "BTCUSDT"])
        #expect(document["retired_trend_positions"]?.objectValue.map { Array($0.keys) } == ["XRPUSDT", "ADAUSDT"])
        #expect(document["trend_action_history"]?.objectValue.map { Array($0.keys) } == ["TRXUSDT", "ETHUSDT"])
        #expect(document["SOLUSDT"]?.objectValue.map { Array($0.keys) } == ["note", "highest_price", "is_holding", "entry_price"])
        #expect(document["SOLUSDT"]?["note"] == "mine")
        #expect(document["retired_trend_positions"]?["XRPUSDT"]?.objectValue.map { Array($0.keys) }
            == ["is_holding", "entry_price", "base_asset", "highest_price"])
    }

    @Test func retiredSymbolsJoinTheUniverseInTheOrderStateListsThem() throws {
        let stored: JSONValue = .object([
            "retired_trend_positions": .object(["XRPUSDT": ["is_holding": true, "base_asset": "XRP"], "ADAUSDT": ["is_holding": true, "base_asset": "ADA"]]),
            "DOGEUSDT": ["is_holding": true, "entry_price": 0.1],
        ])
        let state = try TradeState.normalized(from: stored, universe: ["ETHUSDT"])
        let universe = state.runtimeUniverse(resolved: [UniverseMember(symbol: "ETHUSDT", baseAsset: "ETH", isRetired: false)])
        #expect(universe.map(\.symbol) == ["ETHUSDT", "XRPUSDT", "ADAUSDT", "DOGEUSDT"])
    }
}
