import Foundation

/// What `cycle reconcile` and the end of every live and paper cycle report (docs/commands.md#evidence-for-operators):
/// whether the engine's belief matches the account.
public struct Reconciliation: Sendable, Equatable {
    /// One disagreement, named so the operator can find it.
    public struct Failure: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// State says the position is held; the account holds less than the symbol's minimum order.
            case heldInStateNotOnExchange = "held_in_state_not_on_exchange"
            /// The account holds a coin worth at least the symbol's minimum order that state does not track.
            case untrackedPosition = "untracked_position"
            /// A journaled order the exchange has no record of.
            case journalOrderNotOnExchange = "journal_order_not_on_exchange"
            /// The exchange's record of a journaled order says something else (status, quantity).
            case journalOrderMismatch = "journal_order_mismatch"
            /// A journal entry whose effect is not in the state yet.
            case journalEntryUnsettled = "journal_entry_unsettled"
            /// The account's `LD…` mirror of a Simple Earn position says another amount than
            /// Simple Earn's own list (cycles read the mirror).
            case earnMirrorMismatch = "earn_mirror_mismatch"
            /// A read the check needs failed.
            case unreadable
        }

        public var kind: Kind
        public var symbol: String?
        public var detail: String

        public init(kind: Kind, symbol: String? = nil, detail: String) {
            self.kind = kind
            self.symbol = symbol
            self.detail = detail
        }

        var json: JSONValue {
            var object: JSONObject = ["kind": .string(kind.rawValue), "detail": .string(detail)]
            object["symbol"] = symbol.map { .string($0) }
            return .object(object)
        }
    }

    /// One check that was made, with how much it looked at.
    public struct Check: Sendable, Equatable {
        public var name: String
        public var checked: Int
        public var failures: Int

        package init(name: String, checked: Int, failures: Int) {
            self.name = name
            self.checked = checked
            self.failures = failures
        }

        var json: JSONValue { ["name": .string(name), "checked": .int(Int64(checked)), "failures": .int(Int64(failures))] }
    }

    public var checkedAt: Date
    public var account: String
    public var failures: [Failure]
    public var checks: [Check]

    package init(checkedAt: Date, account: String, failures: [Failure], checks: [Check]) {
        self.checkedAt = checkedAt
        self.account = account
        self.failures = failures
        self.checks = checks
    }

    public var isOk: Bool { failures.isEmpty }

    public var json: JSONValue {
        [
            "is_ok": .bool(isOk), "checked_at": .string(checkedAt.isoWithOffset), "account": .string(account),
            "failures": .array(failures.map(\.json)), "checks": .array(checks.map(\.json)),
        ]
    }
}
