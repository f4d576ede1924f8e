/// Which account of a store an operator command acts on (`halt`, `resume`, `state …`, `orders`,
/// `stats`, `health`, `reconcile`): the account cron trades, or a refusal that names the
/// accounts present. An operator's shell often lacks the credentials cron has, so the
/// environment alone cannot say which account that is; the store can.
///
/// - `--account NAME` names one: it must be in the store, unless the command was told to
///   create it (`--create-account`, e.g. to halt an account before its first cycle).
/// - Without `--account`, a store holding exactly one account means that one — unless the
///   shell's environment names another (Binance credentials imply `binance` while the store
///   holds only `paper`, e.g. before the first live cycle): refused, say which. Several accounts
///   are refused (say which); an empty store falls back to the account the environment implies,
///   which a command that writes may only create when told to.
public struct AccountChoice: Sendable, Equatable {
    /// What the command asked for.
    public enum Intent: Sendable, Equatable {
        /// Reads only (`state show`, `orders`, `health`, …): an empty store is reported as empty.
        case read
        /// Writes the account's document (`halt`, `resume`, `state import`).
        case write(creating: Bool)
    }

    public let account: String
    /// Whether the account has no document and no cycle in the store yet.
    public let isNew: Bool

    /// `environmentIsExplicit`: the environment names its account on purpose (Binance credentials
    /// are set), rather than falling back to `paper`.
    public static func resolve(requested: String?, present: [String], environmentDefault: String, environmentIsExplicit: Bool = false,
                               intent: Intent, storePath: String) throws(AccountRefusal) -> AccountChoice {
        let creating = intent == .write(creating: true)
        if let requested {
            if present.contains(requested) { return AccountChoice(account: requested, isNew: false) }
            guard creating else { throw .unknown(requested, present: present, storePath: storePath, canCreate: intent != .read) }
            return AccountChoice(account: requested, isNew: true)
        }
        switch present.count {
        case 1:
            if environmentIsExplicit, present[0] != environmentDefault {
                throw .notTheEnvironments(present[0], environment: environmentDefault, storePath: storePath)
            }
            return AccountChoice(account: present[0], isNew: false)
        case 0:
            if intent == .write(creating: false) {
                throw .unknown(environmentDefault, present: present, storePath: storePath, canCreate: true)
            }
            return AccountChoice(account: environmentDefault, isNew: true)
        default: throw .several(present, storePath: storePath)
        }
    }
}

/// Why an operator command did not act: the account it would have used is not the one cron trades.
public enum AccountRefusal: Error, Equatable, CustomStringConvertible {
    case unknown(String, present: [String], storePath: String, canCreate: Bool)
    case several([String], storePath: String)
    case notTheEnvironments(String, environment: String, storePath: String)

    public var description: String {
        switch self {
        case let .unknown(account, present, path, canCreate):
            let there = present.isEmpty ? "the store holds no account yet" : "accounts there: \(present.joined(separator: ", "))"
            var text = "Account \(account) has no state document and no cycle in \(path) (\(there)); nothing was done."
            if let only = present.first, present.count == 1 { text += " Cron's account is probably \(only): pass --account \(only)." }
            if canCreate { text += " To act on \(account) before its first cycle (e.g. halt it), add --create-account." }
            return text
        case let .notTheEnvironments(only, environment, path):
            return "The store \(path) holds only account \(only), but this shell's Binance credentials trade \(environment); nothing was done. "
                + "Say which with --account \(only), or --account \(environment) --create-account to act on \(environment) before its first live cycle."
        case let .several(present, path):
            return "The store \(path) holds more than one account (\(present.joined(separator: ", "))); nothing was done. "
                + "Say which with --account NAME."
        }
    }
}
