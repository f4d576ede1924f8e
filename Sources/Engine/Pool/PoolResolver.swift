import Foundation

/// The pool ladder (docs/strategy.md#the-ladder) with its sources: reads a rung's source only when the ladder
/// gets to it, and lets `PoolLadder` decide on what they answered.
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

    /// The ladder's decision on sources already read (`PoolLadder`).
    public func resolve(lastGoodPayload: JSONValue?, now: Date, refusing: [PoolRung: String],
                        upstream: FetchedArtifact?, localFiles: [FetchedArtifact]) -> PoolResolution {
        PoolLadder(validator: validator).resolve(lastGoodPayload: lastGoodPayload, now: now, refusing: refusing, upstream: upstream, localFiles: localFiles)
    }

    static func fetch(_ source: any ArtifactSource) async -> FetchedArtifact {
        do { return FetchedArtifact(label: source.label, answer: .success(try await source.fetch())) } catch {
            return FetchedArtifact(label: source.label, answer: .failure(error))
        }
    }
}
