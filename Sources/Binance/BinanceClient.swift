import BinanceWireFormat
import Engine
import Foundation
import Logging
import WebClient
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Signing

/// Binance spot REST: signing, server-time offset, weight budget, 429/418 handling and retries
/// of reads. Writes (orders, earn moves) are sent once; an unclear answer is reported as such.
/// One method per endpoint lives in `BinanceClient+Endpoints.swift`.
public actor BinanceClient {
    public nonisolated let configuration: BinanceClientConfiguration
    private let transport: HTTPTransport
    private let sleep: @Sendable (Double) async throws -> Void
    private let logger: Logger

    /// Server time minus local time, in milliseconds, measured by `synchronizeTime()`.
    public private(set) var serverTimeOffsetMilliseconds: Int64 = 0
    public private(set) var metrics = BinanceClientMetrics()
    /// Set by a 418: nothing more is sent by this client.
    public private(set) var banned: BinanceAPIError?
    /// The first 429 the client gave up on (a read out of attempts or wait budget, an order or
    /// earn move, which are never retried). Binance bans an IP that does not back off.
    public private(set) var rateLimitNotWaitedOut: BinanceAPIError?
    /// The ban, else the 429 given up on: the run met Binance refusing it as a whole.
    public var runRefusal: BinanceAPIError? { banned ?? rateLimitNotWaitedOut }

    private var inFlight = 0
    private var slotWaiters: [CheckedContinuation<Void, Never>] = []
    private var weightMinute: Int64 = 0
    private var weightUsed = 0
    private var waitedSeconds = 0.0

    public init(configuration: BinanceClientConfiguration, logger: Logger = CycleLogContext.silent,
                sleep: @escaping @Sendable (Double) async throws -> Void = { seconds in try await SystemClock().sleep(seconds: seconds) }) {
        self.configuration = configuration
        self.logger = logger
        self.transport = HTTPTransport(timeoutSeconds: configuration.timeoutSeconds, maxConnections: max(1, configuration.maxInFlight), peer: "binance")
        self.sleep = sleep
    }

    /// Reads: `readAttempts` tries, 0.25 s × attempt between them (at most 2 s) or the 429's
    /// Retry-After, within the cycle's wait budget (which weight waits share).
    private var readRetry: RetryPolicy {
        RetryPolicy(attempts: configuration.readAttempts, totalWaitSeconds: configuration.maxTotalWaitSeconds) { min(Double($0) * 0.25, 2) }
    }

    /// Measures the offset between the local clock and Binance's (one `GET /api/v3/time`).
    @discardableResult
    public func synchronizeTime() async throws -> Int64 {
        let sentAt = Self.localMilliseconds()
        let data = try await send(.serverTime, BinanceQuery())
        let receivedAt = Self.localMilliseconds()
        let serverTime = try BinanceWire.decode(BinanceWire.ServerTime.self, from: data, endpoint: .serverTime).serverTime
        serverTimeOffsetMilliseconds = serverTime - (sentAt + receivedAt) / 2
        return serverTimeOffsetMilliseconds
    }

    /// Binance's clock as the client estimates it, in milliseconds.
    public var estimatedServerTime: Int64 { Self.localMilliseconds() + serverTimeOffsetMilliseconds }

    /// Sends one request. Reads are retried within the budget on 429 (after Retry-After), 5xx,
    /// timeouts and connection errors, and once after re-syncing the clock on -1021. Writes are
    /// never retried. A 429 that is given up on is kept (`rateLimitNotWaitedOut`).
    func send(_ endpoint: BinanceEndpoint, _ query: BinanceQuery) async throws -> Data {
        do {
            return try await sendRetrying(endpoint, query)
        } catch let error as BinanceAPIError where error.kind == .rateLimited {
            if rateLimitNotWaitedOut == nil {
                rateLimitNotWaitedOut = error
                logger.error("binance rate limit not waited out", metadata: [
                    "http.endpoint": .string(error.endpoint), "http.status": "\(error.httpStatus.map(String.init) ?? "none")",
                    "retry.after_s": "\(error.retryAfterSeconds.map(String.init) ?? "none")",
                ])
            }
            throw error
        }
    }

    private func sendRetrying(_ endpoint: BinanceEndpoint, _ query: BinanceQuery) async throws -> Data {
        var attempt = 0
        var resynchronized = false
        while true {
            attempt += 1
            do {
                return try await sendOnce(endpoint, query)
            } catch let error as BinanceAPIError {
                if endpoint.isWrite { throw error }
                if error.code == BinanceErrorCode.timestampOutsideRecvWindow {
                    guard !resynchronized else { throw error }
                    resynchronized = true
                    logger.warning("binance clock drift, re-synchronizing", metadata: ["http.endpoint": .string(error.endpoint), "binance.code": "\(error.code ?? 0)"])
                    try await synchronizeTime()
                    continue
                }
                let retryAfter = error.kind == .rateLimited ? Double(error.retryAfterSeconds ?? 1) : nil
                guard error.isRetryable,
                      let delay = readRetry.delay(afterAttempt: attempt, retryAfter: retryAfter, waited: waitedSeconds) else { throw error }
                try await wait(seconds: delay, because: error)
            }
        }
    }

    private func sendOnce(_ endpoint: BinanceEndpoint, _ query: BinanceQuery) async throws -> Data {
        let name = "\(endpoint.method.rawValue) \(endpoint.path)"
        if let banned { throw BinanceAPIError(kind: .ipBanned, endpoint: name, httpStatus: 418, message: "not sent: this IP was banned earlier in the run (\(banned.message))", retryAfterSeconds: banned.retryAfterSeconds) }
        // Weight and a slot first: a wait (up to a minute for weight) must not age the signed
        // timestamp, or Binance refuses the request with -1021 outside recvWindow.
        if !endpoint.isSAPI { try await reserveWeight(endpoint.weight, for: name) }
        await acquireSlot()
        let request: URLRequest
        do {
            request = try buildRequest(endpoint, query)
        } catch {
            releaseSlot()
            throw error
        }
        metrics.requests += 1
        metrics.totalWeight += endpoint.weight
        metrics.requestsByEndpoint[name, default: 0] += 1
        let response: HTTPTransport.Response
        do {
            response = try await transport.send(request)
            releaseSlot()
        } catch HTTPTransport.Failure.timeout {
            releaseSlot()
            throw BinanceAPIError(kind: .timeout, endpoint: name, message: "no answer within \(configuration.timeoutSeconds) s")
        } catch HTTPTransport.Failure.connection(let reason) {
            releaseSlot()
            throw BinanceAPIError(kind: .transport, endpoint: name, message: reason)
        } catch HTTPTransport.Failure.redirected(let status, let host) {
            releaseSlot()
            throw BinanceAPIError(kind: .redirected, endpoint: name, httpStatus: status,
                                  message: "redirected\(host.map { " to host \($0)" } ?? ""); not followed, nothing was sent there")
        } catch {
            releaseSlot()
            throw BinanceAPIError(kind: .transport, endpoint: name, message: "request failed")
        }
        recordWeight(response)
        logger.debug("binance request", metadata: ["http.endpoint": .string(name), "http.status": "\(response.status)"])
        return try BinanceResponse.check(response, endpoint: name, onBan: { ban in
            self.banned = ban
            self.logger.error("binance ip banned, nothing more is sent this run", metadata: [
                "http.endpoint": .string(name), "http.status": "418", "retry.after_s": "\(ban.retryAfterSeconds ?? 0)",
            ])
        })
    }

    private func buildRequest(_ endpoint: BinanceEndpoint, _ query: BinanceQuery) throws -> URLRequest {
        var query = query
        if endpoint.security == .signed {
            guard let signer = configuration.signer, configuration.apiKey != nil else {
                throw BinanceAPIError(kind: .refused, endpoint: "\(endpoint.method.rawValue) \(endpoint.path)", code: BinanceErrorCode.rejectedAPIKey,
                                      message: "needs BINANCE_API_KEY with BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE")
            }
            query.add("recvWindow", configuration.recvWindowMilliseconds)
            query.add("timestamp", estimatedServerTime)
            query.add("signature", try signer.signature(for: query.encoded))
        }
        let encoded = query.encoded
        var components = configuration.baseURL.absoluteString
        if components.hasSuffix("/") { components.removeLast() }
        guard let url = URL(string: components + endpoint.path + (encoded.isEmpty ? "" : "?" + encoded)) else {
            throw BinanceAPIError(kind: .transport, endpoint: endpoint.path, message: "BINANCE_BASE_URL does not form a valid URL")
        }
        var request = URLRequest(url: url)
        request.httpMethod = endpoint.method.rawValue
        if let apiKey = configuration.apiKey { request.setValue(apiKey, forHTTPHeaderField: "X-MBX-APIKEY") }
        return request
    }

    // MARK: Budget

    /// Reserves `weight` in this minute's safe share of the budget, waiting for the next minute
    /// while it does not fit. The check is repeated after every wait: requests that waited
    /// together (the actor is re-entered while one sleeps) each reserve their own share, and none
    /// wipes out what another reserved.
    private func reserveWeight(_ weight: Int, for name: String) async throws {
        let ceiling = Int(exactly: (Double(configuration.weightLimitPerMinute) * configuration.weightSafetyShare).rounded(.down)) ?? 0
        let window = max(1, configuration.weightWindowMilliseconds)
        while true {
            let minute = estimatedServerTime / window
            if minute != weightMinute { weightMinute = minute; weightUsed = 0 }
            if weightUsed + weight <= ceiling || (weightUsed == 0 && weight > ceiling) {
                weightUsed += weight
                return
            }
            let untilNextMinute = Double(window - estimatedServerTime % window) / 1000 + 0.05
            try await wait(seconds: untilNextMinute, because: BinanceAPIError(kind: .rateLimited, endpoint: name, message: "weight \(weightUsed) of \(configuration.weightLimitPerMinute) used this minute"))
        }
    }

    private func recordWeight(_ response: HTTPTransport.Response) {
        guard let used = response.header("X-MBX-USED-WEIGHT-1M").flatMap({ Int($0) }) else { return }
        metrics.usedWeightLastMinute = used
        weightUsed = max(weightUsed, used)
    }

    private func wait(seconds: Double, because error: BinanceAPIError) async throws {
        guard waitedSeconds + seconds <= configuration.maxTotalWaitSeconds else { throw error }
        waitedSeconds += seconds
        logger.notice("binance waiting before retrying", metadata: [
            "http.endpoint": .string(error.endpoint), "http.status": "\(error.httpStatus.map(String.init) ?? "none")",
            "binance.code": "\(error.code.map(String.init) ?? "none")", "retry.after_s": "\(seconds)",
        ])
        metrics.waits.append(seconds)
        try await sleep(seconds)
    }

    /// The -2013 backoff of order lookups goes through the same budget.
    func pause(seconds: Double, because error: BinanceAPIError) async throws {
        try await wait(seconds: seconds, because: error)
    }

    // MARK: In-flight bound

    private func acquireSlot() async {
        if inFlight < configuration.maxInFlight {
            inFlight += 1
        } else {
            await withCheckedContinuation { slotWaiters.append($0) }
        }
        metrics.peakInFlight = max(metrics.peakInFlight, inFlight)
    }

    private func releaseSlot() {
        if slotWaiters.isEmpty {
            inFlight -= 1
        } else {
            slotWaiters.removeFirst().resume()
        }
    }

    static func localMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
