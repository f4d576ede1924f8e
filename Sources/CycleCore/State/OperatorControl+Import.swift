/// What `cycle state import` does with the kill switch (docs/commands.md#trading-modes-staged-exposure-version): restoring a document during
/// an incident must never lift a halt by omission. A document without `operator_control` keeps
/// the account's current one; a document whose mode would replace a stricter current mode is
/// refused unless the operator says so on purpose (`--replace-trading-mode`, a flag of its own:
/// `--force` for contradicting positions must not lift a halt on the side).
public struct ImportedOperatorControl: Sendable, Equatable {
    /// The document to write.
    public let document: JSONValue
    /// The current `operator_control`, when it was carried into the imported document.
    public let kept: OperatorControl?
    /// The account's mode before and after the import (the same unless the operator replaced it).
    public let modeBefore: TradingMode
    public let modeAfter: TradingMode

    /// `current`: the account's document now (nil when absent or unreadable: nothing to keep).
    public static func merge(importing imported: JSONValue, current: JSONValue?,
                             replaceTradingMode: Bool) throws(ImportLiftsTradingModeError) -> ImportedOperatorControl {
        let currentControl = current?.objectValue?["operator_control"].flatMap { try? OperatorControl(document: $0) }
        let importedValue = imported.objectValue?["operator_control"].flatMap { $0 == .null ? nil : $0 }
        let importedMode = importedValue.map { (try? OperatorControl(document: $0))?.mode ?? .run } ?? .run
        let before = currentControl?.mode ?? .run
        guard let currentControl, var object = imported.objectValue else {
            return ImportedOperatorControl(document: imported, kept: nil, modeBefore: before, modeAfter: importedMode)
        }
        guard importedValue != nil else {
            object["operator_control"] = .object(currentControl.document)
            return ImportedOperatorControl(document: .object(object), kept: currentControl, modeBefore: before, modeAfter: before)
        }
        if currentControl.mode != .run, importedMode != currentControl.mode, !replaceTradingMode {
            throw ImportLiftsTradingModeError(current: currentControl, imported: importedMode)
        }
        return ImportedOperatorControl(document: imported, kept: nil, modeBefore: before, modeAfter: importedMode)
    }
}

/// The imported document would replace the account's current trading mode.
public struct ImportLiftsTradingModeError: Error, Equatable, CustomStringConvertible {
    public let current: OperatorControl
    public let imported: TradingMode

    public var description: String {
        "the account's trading mode is \(current.mode.rawValue) (set by \(current.setBy) at \(current.setAt): \(current.reason)) "
            + "and the document would make it \(imported.rawValue); that mode would be lost. Import with --replace-trading-mode to replace it, "
            + "or remove operator_control from the file to keep the current mode"
    }
}
