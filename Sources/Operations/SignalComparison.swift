import Engine
import Foundation

/// Compares what a recorded cycle decided then (its report) with what the running binary
/// decides on the same inputs (the replay's report): order intents — symbol, side, purpose,
/// size within 0.5 % — then gates and state writes. The signal divergence of a window is the
/// share of cycles whose order intents differ (the rollout's rollback line is 30 %).
public struct SignalComparison: Sendable {
    /// Sizes within this fraction of each other are the same decision.
    public static let sizeTolerance = 0.005

    /// One order the cycle decided to send.
    public struct OrderIntent: Sendable, Equatable, CustomStringConvertible {
        public var purpose: String
        public var symbol: String
        public var side: String
        /// The order's size as the report states it (quote amount, else budget, else quantity).
        public var size: Double?

        public var description: String {
            "\(purpose) \(side) \(symbol)" + (size.map { " " + Self.sizeText($0) } ?? "")
        }

        static func sizeText(_ size: Double) -> String {
            String(format: "%.8g", size)
        }

        func sameDecision(as other: OrderIntent) -> Bool {
            guard purpose == other.purpose, symbol == other.symbol, side == other.side else { return false }
            switch (size, other.size) {
            case (nil, nil): return true
            case let (mine?, theirs?):
                let scale = max(abs(mine), abs(theirs))
                return scale == 0 || abs(mine - theirs) / scale <= SignalComparison.sizeTolerance
            default: return false
            }
        }
    }

    /// One cycle: what differs, if anything.
    public struct CycleDifference: Sendable, Equatable {
        public var runId: String
        public var missingIntents: [OrderIntent] = []
        public var newIntents: [OrderIntent] = []
        public var missingGates: [String] = []
        public var newGates: [String] = []
        /// The state writes' reasons then and now.
        public internal(set) var stateWritesThen: [String] = []
        public internal(set) var stateWritesNow: [String] = []

        public var intentsDiffer: Bool { !missingIntents.isEmpty || !newIntents.isEmpty }
        public var isSame: Bool { !intentsDiffer && missingGates.isEmpty && newGates.isEmpty && stateWritesThen == stateWritesNow }

        /// `same`, or each difference on its own line.
        public var lines: [String] {
            guard !isSame else { return ["same"] }
            var lines: [String] = []
            lines += missingIntents.map { "intent decided then, not now: \($0)" }
            lines += newIntents.map { "intent decided now, not then: \($0)" }
            lines += missingGates.map { "gate then, not now: \($0)" }
            lines += newGates.map { "gate now, not then: \($0)" }
            if stateWritesThen != stateWritesNow {
                lines.append("state writes then [\(stateWritesThen.joined(separator: ", "))], now [\(stateWritesNow.joined(separator: ", "))]")
            }
            return lines
        }

        public var json: JSONValue {
            var object: JSONObject = [
                "run_id": .string(runId), "same": .bool(isSame), "intents_differ": .bool(intentsDiffer),
                "intents_then_only": .array(missingIntents.map { .string($0.description) }),
                "intents_now_only": .array(newIntents.map { .string($0.description) }),
                "gates_then_only": JSONValue(missingGates), "gates_now_only": JSONValue(newGates),
            ]
            if stateWritesThen != stateWritesNow {
                object["state_writes_then"] = JSONValue(stateWritesThen)
                object["state_writes_now"] = JSONValue(stateWritesNow)
            }
            return .object(object)
        }
    }

    /// Compares one cycle's report then with the replay's now.
    public static func compare(runId: String, then: JSONValue, now: JSONValue) -> CycleDifference {
        var difference = CycleDifference(runId: runId)
        var unmatched = orderIntents(now)
        for intent in orderIntents(then) {
            if let index = unmatched.firstIndex(where: { intent.sameDecision(as: $0) }) {
                unmatched.remove(at: index)
            } else {
                difference.missingIntents.append(intent)
            }
        }
        difference.newIntents = unmatched
        let (gatesThen, gatesNow) = (gates(then), gates(now))
        difference.missingGates = subtracting(gatesNow, from: gatesThen)
        difference.newGates = subtracting(gatesThen, from: gatesNow)
        difference.stateWritesThen = stateWrites(then)
        difference.stateWritesNow = stateWrites(now)
        return difference
    }

    /// The share of `cycles` whose order intents differ (0 when there are none).
    public static func divergence(_ cycles: [CycleDifference]) -> Double {
        cycles.isEmpty ? 0 : Double(cycles.filter(\.intentsDiffer).count) / Double(cycles.count)
    }

    /// The trend and DCA orders a report decided (`buy_sell_intents`, `btc_dca_intents`).
    public static func orderIntents(_ report: JSONValue) -> [OrderIntent] {
        func size(_ intent: JSONValue) -> Double? {
            (intent["quote_order_qty"] ?? intent["budget"] ?? intent["quantity"])?.numberValue
        }
        let trend = (report["buy_sell_intents"]?.arrayValue ?? []).map { intent in
            OrderIntent(purpose: intent["category"]?.stringValue ?? "trend", symbol: intent["symbol"]?.stringValue ?? "",
                        side: intent["action"]?.stringValue ?? "", size: size(intent))
        }
        let dca = (report["btc_dca_intents"]?.arrayValue ?? []).map { intent in
            OrderIntent(purpose: "btc_dca", symbol: intent["symbol"]?.stringValue ?? "BTCUSDT", side: intent["action"]?.stringValue ?? "", size: size(intent))
        }
        return trend + dca
    }

    /// Each gating event as `gate symbol` (or `gate` alone).
    static func gates(_ report: JSONValue) -> [String] {
        (report["gating_events"]?.arrayValue ?? []).map { event in
            [event["gate"]?.stringValue, event["symbol"]?.stringValue].compactMap { $0 }.joined(separator: " ")
        }
    }

    static func stateWrites(_ report: JSONValue) -> [String] {
        (report["state_write_intents"]?.arrayValue ?? []).compactMap { $0["reason"]?.stringValue }
    }

    /// `items` without one occurrence of each element of `removing` (multiset difference).
    private static func subtracting(_ removing: [String], from items: [String]) -> [String] {
        var remaining = items
        for item in removing {
            if let index = remaining.firstIndex(of: item) { remaining.remove(at: index) }
        }
        return remaining
    }
}
