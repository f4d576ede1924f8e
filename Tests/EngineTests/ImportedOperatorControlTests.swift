import Engine
import Testing

/// Issue 21.2: restoring a document never lifts the kill switch by omission.
@Suite struct ImportedOperatorControlTests {
    let halted: JSONValue = ["operator_control": ["mode": "halt", "reason": "incident 7", "set_by": "alice", "set_at": "2026-12-01T10:00:00+00:00"],
                             "daily_equity_base": 100.0]
    let exported: JSONValue = ["daily_equity_base": 90.0]

    @Test func aDocumentWithoutOperatorControlKeepsTheCurrentOne() throws {
        let merged = try ImportedOperatorControl.merge(importing: exported, current: halted, replaceTradingMode: false)
        #expect(merged.kept?.mode == .halt && merged.kept?.setBy == "alice")
        #expect(merged.document.objectValue?["operator_control"] == halted.objectValue?["operator_control"])
        #expect(merged.document.objectValue?["daily_equity_base"] == 90.0, "everything else comes from the file")
        #expect(try TradeState.normalized(from: merged.document, universe: []).tradingMode == .halt)
    }

    @Test func aDocumentThatWouldLiftAHaltIsRefusedUnlessForced() throws {
        let running: JSONValue = ["operator_control": ["mode": "run", "reason": "resumed", "set_by": "bob", "set_at": "2026-11-30T10:00:00+00:00"]]
        #expect(throws: ImportLiftsTradingModeError.self) { try ImportedOperatorControl.merge(importing: running, current: halted, replaceTradingMode: false) }
        do {
            _ = try ImportedOperatorControl.merge(importing: running, current: halted, replaceTradingMode: false)
        } catch {
            #expect(error.description.contains("halt") && error.description.contains("alice") && error.description.contains("--replace-trading-mode"))
        }
        let forced = try ImportedOperatorControl.merge(importing: running, current: halted, replaceTradingMode: true)
        #expect(forced.document == running && forced.kept == nil)
        #expect(forced.modeBefore == .halt && forced.modeAfter == .run, "the change is reported")
    }

    @Test func aDocumentCarryingTheSameOrNoCurrentModeIsImportedAsItIs() throws {
        let alsoHalted: JSONValue = ["operator_control": ["mode": "halt", "reason": "older", "set_by": "carol", "set_at": "2026-11-01T00:00:00+00:00"]]
        #expect(try ImportedOperatorControl.merge(importing: alsoHalted, current: halted, replaceTradingMode: false).document == alsoHalted)
        #expect(try ImportedOperatorControl.merge(importing: exported, current: nil, replaceTradingMode: false).document == exported)
        #expect(try ImportedOperatorControl.merge(importing: exported, current: ["daily_equity_base": 1.0], replaceTradingMode: false).document == exported)
        // A running account takes whatever the file says, a halt included.
        let running: JSONValue = ["operator_control": ["mode": "run", "reason": "", "set_by": "x", "set_at": ""]]
        #expect(try ImportedOperatorControl.merge(importing: alsoHalted, current: running, replaceTradingMode: false).document == alsoHalted)
    }
}
