import Foundation

/// The degraded-mode ladder's decision (docs/strategy.md#the-ladder) on what its rungs' sources answered: fresh
/// upstream → last known good (from state) → local files → built-in static list. The first rung
/// whose payload validates wins; a read failure is a refused rung, never a cycle failure.
/// Reading the sources is the shell's (`PoolResolver`); this only decides.
public struct PoolLadder: Sendable {
    public let validator: PoolValidator

    public init(validator: PoolValidator) {
        self.validator = validator
    }

    /// The ladder itself, synchronous, on what the rungs' sources answered (`upstream`: nil when
    /// there is none or it is refused; `localFiles`: those read so far, in order) and the state's
    /// last good payload (rung 2).
    public func resolve(lastGoodPayload: JSONValue?, now: Date, refusing: [PoolRung: String],
                        upstream: FetchedArtifact?, localFiles: [FetchedArtifact]) -> PoolResolution {
        let today = CalendarDay(now)
        let messages = validator.messages
        var refused: [String] = []
        for rung in [PoolRung.freshUpstream, .lastKnownGood, .localFile] { if let reason = refusing[rung] { refused.append(reason) } }

        if let upstream, refusing[.freshUpstream] == nil {
            switch validate(upstream, enforceFreshness: true, today: today) {
            case .success(let validation):
                return accept(validation, rung: .freshUpstream, detail: upstream.label, notes: refused,
                              acceptedNote: messages.text(.trendPoolLoadedFreshUpstream, [.sourceLabel: upstream.label]), now: now)
            case .failure(let reasons):
                refused += reasons.reasons
            }
        }

        let lastGood = validator.validate(lastGoodPayload ?? .object([:]), today: today, enforceFreshness: false)
        if lastGood.isUsable, refusing[.lastKnownGood] == nil {
            return accept(lastGood, rung: .lastKnownGood, detail: "state:last_known_good", notes: refused,
                          acceptedNote: messages.text(.trendPoolUsingLastKnownGood), now: now)
        }
        if refusing[.lastKnownGood] == nil { refused += lastGood.errors }

        for file in localFiles where refusing[.localFile] == nil {
            switch validate(file, enforceFreshness: true, today: today) {
            case .success(let validation):
                let path = String(file.label.dropFirst("file:".count))
                return accept(validation, rung: .localFile, detail: file.label, notes: refused,
                              acceptedNote: messages.text(.trendPoolUsingLocalFile, [.path: path]), now: now)
            case .failure(let reasons):
                refused += reasons.reasons
            }
        }

        return PoolResolution(
            rung: .staticUniverse, sourceDetail: "static:built_in", payload: .staticFallback, isFresh: false,
            messages: refused + [messages.text(.trendPoolFallbackStatic)], loadedAt: now.isoWithOffset
        )
    }

    /// A usable validation, or the reasons the rung was refused (errors then warnings).
    private func validate(_ source: FetchedArtifact, enforceFreshness: Bool, today: CalendarDay) -> Result<PoolValidation, RungRefusal> {
        let messages = validator.messages
        do {
            switch try source.answer.get() {
            case .missing(let reason):
                return .failure(RungRefusal(reasons: [reason]))
            case .payload(let raw):
                guard raw.objectValue != nil else {
                    return .failure(RungRefusal(reasons: [messages.text(.payloadNotAnObject, [.label: source.label])]))
                }
                let validation = validator.validate(raw, today: today, enforceFreshness: enforceFreshness)
                return validation.isUsable ? .success(validation) : .failure(RungRefusal(reasons: validation.errors + validation.warnings))
            }
        } catch {
            return .failure(RungRefusal(reasons: [messages.text(.upstreamReadFailed, [.label: source.label, .error: "\(error)"])]))
        }
    }

    private func accept(
        _ validation: PoolValidation, rung: PoolRung, detail: String, notes: [String], acceptedNote: String,
        now: Date
    ) -> PoolResolution {
        PoolResolution(
            rung: rung, sourceDetail: detail, payload: validation.payload, isFresh: validation.isFresh,
            messages: notes + [acceptedNote] + validation.warnings, loadedAt: now.isoWithOffset
        )
    }
}

struct RungRefusal: Error {
    let reasons: [String]
}

/// What a rung's source answered: its payload, "missing", or why it could not be read.
public struct FetchedArtifact: Sendable {
    public let label: String
    public let answer: Result<ArtifactFetch, any Error>

    public init(label: String, answer: Result<ArtifactFetch, any Error>) {
        self.label = label
        self.answer = answer
    }
}
