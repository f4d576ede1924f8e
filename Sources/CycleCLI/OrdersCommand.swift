import ArgumentParser
import Engine
import Foundation
import LocalStore

/// `cycle orders`: the order journal, newest first, with each entry's state, age and what the
/// next cycle will do about anything not settled (docs/commands.md#evidence-for-operators).
struct Orders: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the order journal (orders and Simple Earn moves): state, age, and the next action for anything unsettled."
    )
    @OptionGroup var store: StoreOptions
    @Flag(help: "Only entries whose effects are not in the state yet.")
    var pending = false
    @Flag(help: "JSON instead of a table.")
    var json = false
    @Option(help: "At most this many entries (at least 1).")
    var limit = 50

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit \(limit) must be at least 1") }
    }

    func run() async throws {
        let state = try await StateAccess(options: store)
        let rows = try await state.store.journalRows(pendingOnly: pending, limit: limit)
        let now = Date()
        let listed = rows.map { JournalListing(entry: $0.entry, settledAt: $0.settledAt, now: now) }
        if json {
            print(JSONWriter.string(.array(listed.map(\.json))))
            return
        }
        guard !listed.isEmpty else {
            Console.out(pending ? "No pending journal entries: every order's effect is in the state." : "The journal is empty.")
            return
        }
        for item in listed {
            Console.out("\(item.entry.createdAt.isoWithOffset)  \(item.age.padding(toLength: 6, withPad: " ", startingAt: 0))  "
                + "\(item.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(item.entry.purpose.rawValue) \(item.entry.symbol) "
                + "\(item.entry.side?.rawValue ?? "") \(item.entry.requestedAmount)  \(item.entry.clientOrderId)  \(item.entry.outcome?.label ?? "-")")
            if let next = item.nextAction { Console.out("    next: \(next)") }
        }
    }
}

/// One journal entry as the operator sees it.
struct JournalListing {
    /// Where an entry stands (docs/commands.md#evidence-for-operators).
    enum State: String {
        /// Written down before sending; whether it reached the exchange is not known yet.
        case intent
        /// The exchange answered; the state does not contain it yet.
        case sent
        /// Sent, the answer never came.
        case unknown
        /// Its effects are in the state.
        case settled
    }

    let entry: JournalEntry
    let settledAt: String?
    let now: Date

    var state: State {
        if settledAt != nil { return .settled }
        switch entry.outcome {
        case nil: return .intent
        case .unknown?: return .unknown
        case .answered?, .rejected?: return .sent
        }
    }

    var age: String {
        let seconds = max(0, now.timeIntervalSince(entry.createdAt))
        if seconds < 3600 { return "\(Int(seconds / 60))m" }
        if seconds < 172_800 { return "\(Int(seconds / 3600))h" }
        return "\(Int(seconds / 86_400))d"
    }

    /// What the next cycle does with it (nil when settled).
    var nextAction: String? {
        switch (state, entry.outcome) {
        case (.settled, _): return nil
        case (.intent, _), (.unknown, _):
            return "the next cycle asks the exchange by client id, then its order history; with no trace 10 min after it was sent it is booked NOT_FOUND. Do not place it by hand."
        case (.sent, .rejected?):
            return "refused by the exchange (nothing happened); the next cycle marks it settled"
        case (.sent, .answered(let fill)?) where fill.status == .new || fill.status == .partiallyFilled:
            return "still open on the exchange: the next cycle stops until it is done. Check it on Binance (client id above)."
        default:
            return "the next cycle books the fill into state and marks it settled"
        }
    }

    var json: JSONValue {
        var object: JSONObject = [
            "client_order_id": .string(entry.clientOrderId), "run_id": .string(entry.runId), "kind": .string(entry.kind.rawValue),
            "purpose": .string(entry.purpose.rawValue), "symbol": .string(entry.symbol), "requested_amount": .string(entry.requestedAmount),
            "created_at": .string(entry.createdAt.isoWithOffset), "age_seconds": .int(Int64(max(0, now.timeIntervalSince(entry.createdAt)).rounded(.down))),
            "state": .string(state.rawValue), "outcome": JSONValue(entry.outcome?.label), "settled_at": JSONValue(settledAt),
            "next_action": JSONValue(nextAction),
        ]
        object["side"] = JSONValue(entry.side?.rawValue)
        return .object(object)
    }
}
