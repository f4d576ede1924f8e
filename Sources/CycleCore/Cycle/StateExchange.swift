import Foundation

/// The state as a store hands it to the cycle: the document a store keeps (live), or the
/// typed state a shell carried from the previous cycle (a backtest, which never encodes it).
public enum LoadedState: Sendable {
    /// The document as stored; nil when none exists yet (never when one exists but is `null`).
    case document(JSONValue?)
    case typed(TradeState)
}

/// A state write the cycle decided on, with what it settles. The content is the typed state
/// (a shell that stores documents encodes it: `StateWriteRequest.stateWrite`), or, for the
/// halt reminder, the stored document with one field changed.
public struct StateWriteRequest: Sendable {
    public enum Content: Sendable {
        case typed(TradeState)
        case document(JSONValue)
    }

    public var content: Content
    /// One of the report's `state_write_intents` reasons.
    public var reason: String
    public var runId: String
    /// Client order ids whose effects this state contains (their journal entries settle).
    public var settles: [String]
    /// The writer's wall-clock time.
    public var at: Date
    /// See `StateWrite.Durability`.
    public var durability = StateWrite.Durability.immediate

    /// The write as a document store takes it.
    public var stateWrite: StateWrite {
        let document: JSONValue = switch content {
        case .typed(let state): state.document
        case .document(let document): document
        }
        return StateWrite(document: document, reason: reason, runId: runId, settles: settles, at: at, durability: durability)
    }
}

extension TradeState {
    /// This state normalized against `universe`: itself when it already is (its positions are
    /// the universe's symbols; normalizing is idempotent), else through its document as a
    /// stored one would be.
    func normalized(universe: [String]) throws -> TradeState {
        if positions.count == universe.count, universe.allSatisfy({ positions[$0] != nil }) { return self }
        return try TradeState.normalized(from: document, universe: universe)
    }
}

/// One state write: the whole document and why it was written.
public struct StateWrite: Sendable, Equatable {
    public var document: JSONValue
    /// One of the report's `state_write_intents` reasons.
    public var reason: String
    public var runId: String
    /// Client order ids whose effects this document contains (their journal entries settle).
    public var settles: [String]
    /// The writer's wall-clock time; the lease must not have expired by then.
    public var at: Date
    /// How soon the store must have it. A store whose writes are billed (Firestore) folds a
    /// write it may hold into the next one it sends; a local store writes each at once.
    public var durability: Durability

    public enum Durability: Sendable, Equatable {
        /// Stored before `write` returns (the cycle's last write, the breaker, a recovery, the operator).
        case immediate
        /// Values every cycle derives again from its inputs (the daily reset, the pool's
        /// metadata): stored before anything is sent to the exchange, or with the next write.
        case beforeNextSend
        /// Fills the journal already holds (each answer is recorded before it is booked): stored
        /// with the next write; a crash before it loses nothing the next cycle's recovery does not redo.
        case withNextWrite
    }

    public init(document: JSONValue, reason: String, runId: String, settles: [String] = [], at: Date, durability: Durability = .immediate) {
        self.document = document
        self.reason = reason
        self.runId = runId
        self.settles = settles
        self.at = at
        self.durability = durability
    }
}
