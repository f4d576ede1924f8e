import Testing
import Strategy

/// docs/strategy.md#rotation-pool: the execution pool comes from upstream and is locked to its version.
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

    /// The source's version and date are kept without surrounding whitespace of any kind,
    /// ASCII or not, and an ASCII text without any is kept as it is.
    @Test(arguments: [("2026-03-10", "2026-03-10"), (" 2026-03-10\t", "2026-03-10"), ("\r\n2026-03-10\r\n", "2026-03-10"),
                      ("\u{3000}2026-03-10\u{00A0}", "2026-03-10"), ("\u{2003}v1 x\u{0085}", "v1 x"), ("é", "é"), ("", ""), ("  ", ""),
                      ("a\u{0301} ", "a\u{0301}"), ("\u{001C}v\u{001F}", "\u{001C}v\u{001F}")])
    func sourceTextsAreTrimmedOfWhitespace(_ text: String, _ trimmed: String) {
        let pool = RotationPool.resolve(universe: universe, storedPool: [], degraded: false, version: text, asOfDate: text, currentMonth: "2026-03")
        #expect(pool.sourceVersion == trimmed)
        #expect(pool.sourceAsOfDate == trimmed)
    }
}
