import Foundation

/// Resolves the live pool through the degraded-mode ladder (SPEC §4.3): fresh upstream →
/// last known good (from state) → local files → built-in static list. The first rung whose
/// payload validates wins; a read failure is a refused rung, never a cycle failure.
public struct PoolResolver: Sendable {
    public let upstream: (any ArtifactSource)?
    public let localFiles: [any ArtifactSource]
    public let validator: PoolValidator

    public init(upstream: (any ArtifactSource)?, localFiles: [any ArtifactSource], validator: PoolValidator) {
        self.upstream = upstream
        self.localFiles = localFiles
        self.validator = validator
    }

    /// `storedDocument` is the state as loaded (its `trend_pool_last_good_payload` is rung 2).
    /// `refusing` skips rungs the cycle already found unusable (a symbol the exchange cannot
    /// price), with the reason first in the messages. Reads a source only when the ladder gets
    /// to it: the local files one by one, and only when the rungs above gave nothing.
    public func resolve(storedDocument: JSONValue?, now: Date, refusing: [PoolRung: String] = [:]) async -> PoolResolution {
        await resolve(lastGoodPayload: storedDocument?["trend_pool_last_good_payload"], now: now, refusing: refusing)
    }

    /// The same, given the state's last good payload rather than the whole document.
    public func resolve(lastGoodPayload: JSONValue?, now: Date, refusing: [PoolRung: String] = [:]) async -> PoolResolution {
        var fresh: FetchedArtifact?
        if let upstream, refusing[.freshUpstream] == nil { fresh = await Self.fetch(upstream) }
        var files: [FetchedArtifact] = []
        var resolution = resolve(lastGoodPayload: lastGoodPayload, now: now, refusing: refusing, upstream: fresh, localFiles: files)
        guard refusing[.localFile] == nil else { return resolution }
        for file in localFiles where resolution.rung == PoolRung.staticUniverse {
            files.append(await Self.fetch(file))
            resolution = resolve(lastGoodPayload: lastGoodPayload, now: now, refusing: refusing, upstream: fresh, localFiles: files)
        }
        return resolution
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

    static func fetch(_ source: any ArtifactSource) async -> FetchedArtifact {
        do { return FetchedArtifact(label: source.label, answer: .success(try await source.fetch())) } catch {
            return FetchedArtifact(label: source.label, answer: .failure(error))
        }
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
