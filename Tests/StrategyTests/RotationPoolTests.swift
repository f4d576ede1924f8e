import Testing
import Strategy

/// SPEC §6.2: the execution pool comes from upstream and is locked to its version.
@Suite struct RotationPoolTests {
    let universe = ["AUSDT", "BUSDT", "CUSDT", "DUSDT", "EUSDT", "FUSDT"]

    @Test func healthyPoolIsThePayloadInOrderAndLockedToItsVersion() {
        let pool = RotationPool.resolve(universe: universe, storedPool: ["ZUSDT"], degraded: false,
                                        version: "2026-03-10-core_major", asOfDate: "2026-03-10", currentMonth: "2026-04")
        #expect(pool.symbols == universe)
        #expect(pool.sourceVersion == "2026-03-10-core_major")
        #expect(pool.lastMonth == "2026-03")
    }

    @Test func degradedPoolKeepsTheStoredPoolWithinTheUniverse() {
        let pool = RotationPool.resolve(universe: universe, storedPool: ["CUSDT", "ZUSDT", "AUSDT", "CUSDT"], degraded: true,
                                        version: "v", asOfDate: "2026-02-01", currentMonth: "2026-03")
        #expect(pool.symbols == ["CUSDT", "AUSDT"])
    }

    @Test func degradedWithNothingStoredTakesTheFirstFive() {
        let pool = RotationPool.resolve(universe: universe, storedPool: [], degraded: true,
                                        version: "static-fallback", asOfDate: "", currentMonth: "2026-03")
        #expect(pool.symbols == Array(universe.prefix(5)))
        #expect(pool.lastMonth == "2026-03", "no source date: the clock's month")
    }
}
