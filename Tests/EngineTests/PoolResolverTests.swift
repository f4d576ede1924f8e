import Foundation
import Testing
import Engine

/// docs/strategy.md#the-ladder and docs/strategy.md#what-a-degraded-pool-changes: the ladder, its messages in order, and what it records in state.
@Suite struct PoolResolverTests {
    let english = MessageCatalog(language: .en)

    let validator = PoolValidator(contract: PoolContract(maxAgeDays: 45, acceptableModes: ["core_major"], expectedSize: 5),
                                  messages: MessageCatalog(language: .en))
    let now = Scenario.now
    let fresh = Scenario.payload(asOf: "2026-03-10")
    let stale = Scenario.payload(asOf: "2026-01-01")

    func resolver(upstream: (any ArtifactSource)?, files: [any ArtifactSource] = []) -> PoolResolver {
        PoolResolver(upstream: upstream, localFiles: files, validator: validator)
    }

    @Test func freshUpstreamWinsAndBecomesLastKnownGood() async throws {
        let resolution = await resolver(upstream: StaticArtifactSource(label: "firestore:strategy/POOL", payload: fresh))
            .resolve(storedDocument: nil, now: now)
        #expect(resolution.rung == .freshUpstream && !resolution.degraded && resolution.isFresh)
        #expect(resolution.messages == ["Fresh upstream pool accepted from firestore:strategy/POOL"])
        var state = TradeState()
        resolution.record(into: &state)
        #expect(state.lastGoodPayload.isEmpty, "not the fallback until the exchange has priced its symbols")
        resolution.promoteToLastKnownGood(into: &state)
        #expect(state.lastGoodPayload["version"] == "2026-03-10-core_major")
        #expect(state.trendPool.source == "fresh_upstream" && state.trendPool.sourceDetail == "firestore:strategy/POOL")
        #expect(state.trendPool.loadedAt == "2026-03-15T00:00:00+00:00")
    }

    @Test func staleUpstreamFallsToLastKnownGoodWithTheReasonFirst() async throws {
        let stored: JSONValue = ["trend_pool_last_good_payload": Scenario.payload(asOf: "2025-12-01")]
        let resolution = await resolver(upstream: StaticArtifactSource(label: "firestore:strategy/POOL", payload: stale))
            .resolve(storedDocument: stored, now: now)
        #expect(resolution.rung == .lastKnownGood && resolution.degraded && !resolution.isFresh)
        #expect(resolution.sourceDetail == "state:last_known_good")
        #expect(resolution.messages == ["payload stale by 73 days (max 45)",
                                        "Fresh upstream refused; trading on the last known good pool kept in state."])
        var state = TradeState()
        state.lastGoodPayload = ["version": "old"]
        resolution.record(into: &state)
        resolution.promoteToLastKnownGood(into: &state)
        #expect(state.lastGoodPayload == ["version": "old"], "only a fresh upstream result replaces the last known good payload")
    }

    @Test func readFailureAndNoLastGoodFallToTheLocalFile() async throws {
        let resolution = await resolver(
            upstream: StaticArtifactSource(label: "firestore:strategy/POOL", failure: "HTTP 503"),
            files: [StaticArtifactSource(label: "file:/missing.json", missingReason: "pool file not found: /missing.json"),
                    StaticArtifactSource(label: "file:/pool.json", payload: fresh)]
        ).resolve(storedDocument: ["trend_pool_last_good_payload": [:]], now: now)
        #expect(resolution.rung == .localFile)
        #expect(resolution.sourceDetail == "file:/pool.json")
        #expect(resolution.messages.first == english.text(.upstreamReadFailed, [.label: "firestore:strategy/POOL", .error: "HTTP 503"]))
        #expect(resolution.messages.contains(english.text(.missingInvalidAsOfDate)), "the empty last known good was refused too")
        #expect(resolution.messages.contains("pool file not found: /missing.json"))
        #expect(resolution.messages.last == english.text(.trendPoolUsingLocalFile, [.path: "/pool.json"]))
    }

    @Test func nothingValidFallsToTheStaticUniverse() async throws {
        let resolution = await resolver(upstream: StaticArtifactSource(label: "firestore:strategy/POOL", missingReason: "upstream document missing"),
                                        files: [StaticArtifactSource(label: "file:/stale.json", payload: stale)])
            .resolve(storedDocument: nil, now: now)
        #expect(resolution.rung == .staticUniverse)
        #expect(resolution.sourceDetail == "static:built_in")
        #expect(resolution.payload.version == "static-fallback" && resolution.payload.mode == "static")
        #expect(resolution.payload.symbols.count == 11 && resolution.payload.symbols.first == "ETHUSDT")
        #expect(resolution.messages.first == "upstream document missing")
        #expect(resolution.messages.last == english.text(.trendPoolFallbackStatic))
    }

    @Test func nonObjectPayloadIsARefusedRung() async {
        let resolution = await resolver(upstream: StaticArtifactSource(label: "firestore:x/y", payload: .array([])))
            .resolve(storedDocument: nil, now: now)
        #expect(resolution.rung == .staticUniverse)
        #expect(resolution.messages.first == english.text(.payloadNotAnObject, [.label: "firestore:x/y"]))
    }
}
