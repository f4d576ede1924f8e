/// The kill switch (docs/commands.md#trading-modes-staged-exposure-version): how much of the strategy a cycle may carry out.
public enum TradingMode: String, Sendable, CaseIterable {
    /// Normal.
    case run
    /// No trend buy, no DCA buy; sells, stops, the breaker, trims, fuel and the buffer still run.
    case noNewEntries = "no_new_entries"
    /// As `noNewEntries`, and every trend position worth more than 10 USDT is sold this cycle.
    case exitOnly = "exit_only"
    /// The cycle reads state and stops before any exchange call.
    case halt

    /// Whether new trend and DCA entries are allowed.
    public var allowsEntries: Bool { self == .run }
}

/// State key `operator_control` `{mode, reason, set_by, set_at}`; absent means `run`.
/// `reminded_on` (`YYYY-MM-DD`) records the last daily reminder of a halt.
public struct OperatorControl: Sendable, Equatable {
    public var mode: TradingMode
    public var reason: String
    public var setBy: String
    /// ISO-8601 with offset.
    public var setAt: String
    public var remindedOn: String

    public init(mode: TradingMode, reason: String, setBy: String, setAt: String, remindedOn: String = "") {
        self.mode = mode
        self.reason = reason
        self.setBy = setBy
        self.setAt = setAt
        self.remindedOn = remindedOn
    }

    /// An exit-only position worth at most this (USDT) is dust and is left alone.
    public static let exitOnlyDustValue = 10.0

    /// The stored form.
    public var documentFields: JSONObject { document }

    var document: JSONObject {
        var object: JSONObject = ["mode": .string(mode.rawValue), "reason": .string(reason), "set_by": .string(setBy), "set_at": .string(setAt)]
        if !remindedOn.isEmpty { object["reminded_on"] = .string(remindedOn) }
        return object
    }

    /// Reads the stored value; anything but an object with a known mode is refused, naming the key
    /// (a kill switch that cannot be read must not be taken as "run").
    init(document value: JSONValue) throws {
        guard let object = value.objectValue else {
            throw StateDocumentError(key: "operator_control", problem: "should be an object {mode, reason, set_by, set_at}")
        }
        guard let raw = object["mode"]?.stringValue, let mode = TradingMode(rawValue: raw) else {
            throw StateDocumentError(key: "operator_control.mode",
                                     problem: "should be one of \(TradingMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        func text(_ key: String) throws -> String {
            guard let field = object[key], field != .null else { return "" }
            guard let string = field.stringValue else { throw StateDocumentError(key: "operator_control.\(key)", problem: "should be a string") }
            return string
        }
        self.init(mode: mode, reason: try text("reason"), setBy: try text("set_by"), setAt: try text("set_at"), remindedOn: try text("reminded_on"))
    }
}
