import Foundation
import Strategy

/// Steps 1–3: reach the exchange, load state, resolve and adopt the pool.
extension CycleDecisions {
    static let connectAttempts = 3

    /// Three attempts, 3 s apart; failure aborts the cycle with an alert. The exchange refusing
    /// the run (a ban) is not "unreachable": the cycle ends `error` at once.
    mutating func connectToExchange() -> Bool {
        var lastError: (any Error)?
        for attempt in 1...Self.connectAttempts {
            do {
                try world.connect()
                return true
            } catch {
                lastError = error
                if failIfTheExchangeRefusedTheRun(stage: .client) { return false }
                if (error as? any NotWorthRetryingError)?.retryingCannotHelp == true {
                    let detail = messages.text(.apiConnectionRefusedDetail, [.error: "\(error)"])
                    report.fail(stage: .client, message: detail, status: .aborted)
                    notify(.exchangeUnreachable(detail: detail))
                    return false
                }
                guard attempt < Self.connectAttempts else { break }
                do { try world.sleep(seconds: 3) } catch { lastError = error; break }
            }
        }
        let detail = messages.text(.apiConnectionFailedDetail, [.attempts: "\(Self.connectAttempts)", .error: "\(lastError.map { "\($0)" } ?? "unknown")"])
        report.fail(stage: .client, message: detail, status: .aborted)
        notify(.exchangeUnreachable(detail: detail))
        return false
    }

    /// What the store holds, or nil after aborting: nothing is written. A document that cannot be
    /// understood — the JSON text `null` included, which is not "no document" — is a load failure
    /// too, caught before anything is decided.
    mutating func loadStoredState() -> StoredState? {
        do {
            switch try world.loadState() {
            case .typed(let state):
                // A shell that carries the typed state (a backtest) hands over what the last cycle wrote.
                return StoredState(loaded: .typed(state), operatorControl: state.operatorControl)
            case .document(let document):
                // Read again under the lease, the document is usually the one already decoded (equal as
                // JSON: its decode is the same; the document itself is kept as read, key order and all).
                if let previous = lastStoredState, previous.document == document {
                    return StoredState(loaded: .document(document), operatorControl: previous.operatorControl)
                }
                // Decoded once here: a document that does not parse stops the cycle before anything else.
                let stored = StoredState(loaded: .document(document),
                                         operatorControl: try TradeState.normalized(from: document, universe: []).operatorControl)
                lastStoredState = stored
                return stored
            }
        } catch {
            let reason = "\(error)".trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            let message = messages.text(.stateLoadFailed, [.error: reason])
            report.fail(stage: .stateLoad, message: message, status: .aborted)
            notify(.systemCrash(detail: String(message.prefix(200))))
            return nil
        }
    }

    func resolvePool(stored: StoredState, refusing: [PoolRung: String] = [:]) throws -> PoolResolution {
        try world.resolvePool(lastGoodPayload: stored.lastGoodPayload, now: now, refusing: refusing)
    }

    /// Reads the market; when the pool names a symbol the exchange cannot price, or lists with
    /// another base asset, that rung is refused with the reason and the ladder resolved again
    /// from the state as it stands (the journal's repairs kept), down to the static universe,
    /// before anything is decided.
    mutating func readMarketFallingBack(stored: StoredState) throws -> MarketSnapshot {
        var refusing: [PoolRung: String] = [:]
        while true {
            do {
                return try readMarket()
            } catch let unusable as UnusablePoolError {
                guard let rung = resolution?.rung, rung != .staticUniverse, refusing[rung] == nil else { throw unusable }
                refusing[rung] = unusable.reason(rung: rung, messages: messages)
                world.note(.poolRungRefused(rung: rung, symbols: unusable.symbols))
                try adoptPool(try resolvePool(stored: stored, refusing: refusing),
                                    stored: StoredState(loaded: .typed(state), operatorControl: state.operatorControl))
            }
        }
    }

    /// Normalizes state against the resolved universe, records the pool, writes, and logs its source.
    mutating func adoptPool(_ resolution: PoolResolution, stored: StoredState) throws {
        self.resolution = resolution
        diagnostics.poolResolution = resolution
        state = try stored.normalized(universe: resolution.payload.symbols)
        stateLoaded = true
        resolution.record(into: &state)
        try writeState(reason: "trend_pool_metadata_refresh", durability: .beforeNextSend)

        universe = state.runtimeUniverse(resolved: resolution.payload.members)
        report.upstreamPoolSymbols = symbols
        allowNewEntries = !resolution.degraded || config.allowNewEntriesOnDegraded
        if resolution.degraded { report.degradedModeLevel = resolution.rung.rawValue }

        let payload = resolution.payload
        say(messages.text(.trendPoolSourceLine, [
            .sourceKind: resolution.rung.rawValue, .mode: payload.mode.isEmpty ? "unknown" : payload.mode,
            .version: payload.version.isEmpty ? "unknown" : payload.version,
            .asOfDate: payload.asOfDate.isEmpty ? "n/a" : payload.asOfDate, .sourceProject: payload.sourceProject,
        ]))
        for message in resolution.messages.suffix(3) { say("   · \(message)") }
        if resolution.degraded, !allowNewEntries {
            say(messages.text(.trendPoolDegradedBuyPause))
            report.gate(GatingEvent(gate: .trendBuyPausedDegradedMode, category: .trend, detail: .text(resolution.rung.rawValue)))
        }
    }
}

/// The state document as the store holds it: `document` is nil when none exists yet (the cycle
/// starts from defaults), never when one exists but is `null`.
struct StoredState: Sendable {
    let loaded: LoadedState
    /// The kill switch as the document holds it (read when the document was decoded).
    let operatorControl: OperatorControl?

    /// The document as stored (encoded from the typed state when a shell carried that).
    var document: JSONValue? {
        switch loaded {
        case .document(let document): document
        case .typed(let state): state.document
        }
    }

    /// The state's `trend_pool_last_good_payload`: the pool ladder's second rung.
    var lastGoodPayload: JSONValue? {
        switch loaded {
        case .document(let document): document?["trend_pool_last_good_payload"]
        case .typed(let state): .object(state.lastGoodPayload)
        }
    }

    /// The state normalized against the resolved universe (docs/strategy.md#what-a-degraded-pool-changes).
    func normalized(universe: [String]) throws -> TradeState {
        switch loaded {
        case .document(let document): try TradeState.normalized(from: document, universe: universe)
        case .typed(let state): try state.normalized(universe: universe)
        }
    }
}
