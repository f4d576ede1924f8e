import Testing
import Engine

/// docs/strategy.md#payload and docs/strategy.md#validation.
@Suite struct PoolValidatorTests {
    let validator = PoolValidator(contract: PoolContract(maxAgeDays: 45, acceptableModes: ["core_major"], expectedSize: 2),
                                  messages: MessageCatalog(language: .en))
    let today = CalendarDay(year: 2026, month: 3, day: 15)!

    func validate(_ payload: JSONValue, fresh: Bool = true) -> PoolValidation {
        validator.validate(payload, today: today, enforceFreshness: fresh)
    }

    @Test func validPayloadIsNormalizedToExactlyTheKeptKeys() throws {
        let result = validate([
            "as_of_date": "2026-03-10T08:00:00Z", "version": "v1", "mode": "core_major", "pool_size": 2,
            "symbols": ["ETHUSDT", "SOLUSDT", "ETHUSDT", "BNB"], "symbol_map": ["ETHUSDT": ["base_asset": "ETH"], "SOLUSDT": [:]],
            "source_project": "pipeline", "extra": "dropped",
        ])
        #expect(result.isUsable)
        #expect(result.payload.symbols == ["ETHUSDT", "SOLUSDT"])
        #expect(result.payload.baseAssets == ["ETHUSDT": "ETH", "SOLUSDT": "SOL"])
        let keys = Set(result.payload.document.keys)
        #expect(keys == Set(["as_of_date", "version", "mode", "pool_size", "symbols", "symbol_map", "source_project"]))
        #expect(result.payload.document["pool_size"] == .int(2))
        #expect(result.payload.asOfDate == "2026-03-10")
    }

    /// Issue 12: `pool_size: 1e300` used to trap converting the float to an Int; now the rung is refused.
    @Test(arguments: [1e300, -1e300, 9.3e18] as [Double])
    func anAbsurdPoolSizeIsAnErrorNotATrap(_ size: Double) {
        let result = validate(["as_of_date": "2026-03-10", "mode": "core_major", "pool_size": .double(size), "symbols": ["ETHUSDT", "SOLUSDT"]])
        #expect(!result.isUsable)
        #expect(result.errors.contains(MessageCatalog(language: .en).text(.poolSizeMissingOrInvalid)))
    }

    @Test func missingModeVersionAndProjectAreWarningsNotErrors() {
        let result = validate(["as_of_date": "2026-03-10", "pool_size": 2, "symbols": ["ETHUSDT", "SOLUSDT"]])
        #expect(result.isUsable)
        #expect(result.warnings == ["mode missing; assumed core_major", "version missing; built from as_of_date and mode",
                                    "source_project missing; recorded as unknown"])
        #expect(result.payload.version == "2026-03-10-core_major")
        #expect(result.payload.sourceProject == "unknown")
    }

    @Test func everyErrorIsReported() {
        #expect(validate(["mode": "core_major", "pool_size": 2, "symbols": ["ETHUSDT", "SOLUSDT"]]).errors == ["missing or invalid as_of_date"])
        #expect(validate(["as_of_date": "2026-03-10", "mode": "aggressive", "pool_size": 2, "symbols": ["ETHUSDT", "SOLUSDT"]]).errors
                == ["mode aggressive is not one of the accepted modes [core_major]"])
        #expect(validate(["as_of_date": "2026-03-10", "mode": "core_major", "symbols": []]).errors
                == ["symbols/symbol_map absent or unreadable", "symbols list is empty"])
        #expect(validate(["as_of_date": "2026-03-10", "mode": "core_major", "pool_size": 3, "symbols": ["ETHUSDT", "SOLUSDT"]]).errors
                == ["pool_size mismatch: declared 3 vs parsed 2", "pool_size 3 differs from the expected 2"])
        #expect(validate(["as_of_date": "2026-03-10", "mode": "core_major", "pool_size": "two", "symbols": ["ETHUSDT", "SOLUSDT"]]).errors
                == ["pool_size is not a whole number"])
        #expect(validate(["as_of_date": "2026-03-16", "mode": "core_major", "pool_size": 2, "symbols": ["ETHUSDT", "SOLUSDT"]]).errors
                == ["as_of_date 2026-03-16 is in the future"])
    }

    @Test func stalenessIsAnErrorOnlyWhenFreshnessIsEnforced() {
        let stale: JSONValue = ["as_of_date": "2026-01-01", "mode": "core_major", "pool_size": 2, "symbols": ["ETHUSDT", "SOLUSDT"]]
        #expect(validate(stale).errors == ["payload stale by 73 days (max 45)"])
        let lastGood = validate(stale, fresh: false)
        #expect(lastGood.isUsable)
        #expect(lastGood.isFresh == false)
    }

    /// docs/strategy.md#payload: without a list the map's keys are the order, as published (not sorted).
    @Test func symbolsFromTheMapWhenNoListIsGiven() {
        let result = validate(["as_of_date": "2026-03-10", "mode": "core_major", "pool_size": 2,
                               "symbol_map": ["SOLUSDT": ["base_asset": "SOL"], "ETHUSDT": ["base_asset": ""]]])
        #expect(result.payload.symbols == ["SOLUSDT", "ETHUSDT"])
        #expect(result.payload.baseAssets["ETHUSDT"] == "ETH")
    }
}
