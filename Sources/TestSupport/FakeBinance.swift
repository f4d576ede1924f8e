import Engine
import FlyingFox
import Foundation
import Signing

/// A Binance spot + Simple Earn server on 127.0.0.1 (port chosen by the system) that behaves
/// like the real one where this engine depends on it: API key and signature checks (HMAC hex,
/// Ed25519/RSA base64), `timestamp`/`recvWindow`, LOT_SIZE/MARKET_LOT_SIZE/NOTIONAL filters,
/// balances, market fills with fees, orders by client id, Simple Earn, weight headers, and
/// injected faults. Everything it was asked is kept in `requests`.
public actor FakeBinance {
    /// One API key the fake accepts, and what it may do.
    public struct Key: Sendable {
        public enum Verification: Sendable { case hmac(secret: String), publicKey(PublicKey) }
        public var apiKey: String
        public var verification: Verification
        public var canTradeSpot = true
        public var enableWithdrawals = false
        public var ipRestrict = true

        public init(apiKey: String, verification: Verification, canTradeSpot: Bool = true, enableWithdrawals: Bool = false, ipRestrict: Bool = true) {
            self.apiKey = apiKey
            self.verification = verification
            self.canTradeSpot = canTradeSpot
            self.enableWithdrawals = enableWithdrawals
            self.ipRestrict = ipRestrict
        }
    }

    /// One request as it arrived.
    public struct Request: Sendable {
        public let method: String
        public let path: String
        public let query: String
        public let apiKey: String?
        public let receivedAt: Date
        public var route: String { "\(method) \(path)" }
    }

    /// What fills are charged: Binance's regular tier, paid in BNB (25 % off) when BNB covers it,
    /// as a real account with "use BNB for fees" on.
    public var feeSchedule = FeeSchedule.binanceSpot

    public var market: FakeMarket
    public internal(set) var requests: [Request] = []
    public internal(set) var balances: [String: Decimal]
    public internal(set) var earn: [String: Decimal] = [:]
    public internal(set) var orders: [FakeOrder] = []
    /// Added to the real clock for `serverTime` and the timestamp check.
    public var clockSkewMilliseconds: Int64 = 0
    /// Waited before every answer.
    public var latencySeconds: Double = 0
    /// Seconds before redeemed funds reach spot (Binance promises no time; 0: at once).
    public var redeemCreditDelaySeconds: Double = 0
    var pendingCredits: [(asset: String, amount: Decimal, due: Date)] = []
    /// When the account last subscribed or redeemed: Simple Earn takes one move per 3 s (`-6009`).
    var lastEarnMoveAt: Date?
    public internal(set) var earnFrequencyRefusals = 0
    /// Starting weight already used in the current minute (to exercise the client's budget).
    public var weightUsed = 0
    var mirrorDrift: [String: Decimal] = [:]
    /// Request weight charged per route since launch or `resetWeightLog()`, `/sapi` included
    /// (Binance counts it in a separate budget; a cycle's cost is both).
    public internal(set) var weightByRoute: [String: Int] = [:]
    public var totalWeightCharged: Int { weightByRoute.values.reduce(0, +) }
    public func resetWeightLog() { weightByRoute = [:] }
    var weightMinute: Int64 = 0
    /// Binance's REQUEST_WEIGHT limit and interval; over it, 429 `-1003`.
    public internal(set) var weightLimit = 6000
    public internal(set) var weightWindowMilliseconds: Int64 = 60_000
    /// The most weight charged within one interval, and how many requests got a 429 for weight.
    public internal(set) var peakWeightInWindow = 0
    public internal(set) var weightRefusals = 0
    var keys: [String: Key] = [:]
    var faults: [PendingFault] = []
    var inFlight = 0
    public internal(set) var peakInFlight = 0

    private var server: HTTPServer?
    private var serverTask: Task<Void, Error>?
    public private(set) var port: UInt16 = 0

    public init(market: FakeMarket, balances: [String: Decimal], keys: [Key]) {
        self.market = market
        self.balances = balances
        for key in keys { self.keys[key.apiKey] = key }
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    public func start() async throws {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 60, logger: .disabled)
        await server.appendRoute("*") { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await self.answer(request)
        }
        self.server = server
        serverTask = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port)? = await server.listeningAddress else { throw FakeServerError.notListening }
        self.port = port
    }

    public func stop() async {
        await server?.stop(timeout: 0)
        serverTask?.cancel()
    }

    // MARK: Test controls

    public func inject(_ fault: FakeBinanceFault, on route: String? = nil, times: Int = 1) {
        faults.append(PendingFault(fault: fault, route: route, remaining: times))
    }

    public func setLatency(_ seconds: Double) { latencySeconds = seconds }
    /// Forgets every injected fault not yet taken.
    public func clearFaults() { faults.removeAll() }
    public func setRedeemCreditDelay(_ seconds: Double) { redeemCreditDelaySeconds = seconds }
    public func setClockSkew(milliseconds: Int64) { clockSkewMilliseconds = milliseconds }
    public func setWeightUsed(_ weight: Int) { weightUsed = weight; weightMinute = serverNow / weightWindowMilliseconds }
    /// A lower limit and a shorter interval, so a test sees the budget at work in seconds.
    public func setWeightBudget(limit: Int, windowMilliseconds: Int64) {
        weightLimit = limit
        weightWindowMilliseconds = max(1, windowMilliseconds)
        weightMinute = serverNow / weightWindowMilliseconds
        weightUsed = 0
    }
    public func setEarn(_ asset: String, _ amount: Decimal) { earn[asset] = amount }
    /// Makes the account's `LD<asset>` mirror differ from the Simple Earn position by `amount`.
    public func setMirrorDrift(_ asset: String, _ amount: Decimal) { mirrorDrift[asset] = amount }
    public func setBalance(_ asset: String, _ amount: Decimal) { balances[asset] = amount }
    public func updateKey(_ apiKey: String, _ change: (inout Key) -> Void) {
        if var key = keys[apiKey] { change(&key); keys[apiKey] = key }
    }
    public func replaceFilter(symbol: String, filterType: String, with fields: JSONObject) {
        guard var listing = market.listing(symbol), var filters = listing["filters"]?.arrayValue else { return }
        filters.removeAll { $0.objectValue?["filterType"]?.stringValue == filterType }
        var filter = fields
        filter["filterType"] = .string(filterType)
        filters.append(.object(filter))
        listing["filters"] = .array(filters)
        market.symbols[symbol] = .object(listing)
    }

    /// Exchange info's `status` for `symbol` (`TRADING`, `BREAK`, `HALT`, `CANCEL_ONLY`…).
    public func setStatus(symbol: String, _ status: String) {
        guard var listing = market.listing(symbol) else { return }
        listing["status"] = .string(status)
        market.symbols[symbol] = .object(listing)
    }

    public func removeFilter(symbol: String, filterType: String) {
        guard var listing = market.listing(symbol), var filters = listing["filters"]?.arrayValue else { return }
        filters.removeAll { $0.objectValue?["filterType"]?.stringValue == filterType }
        listing["filters"] = .array(filters)
        market.symbols[symbol] = .object(listing)
    }

    public func requestCount(_ route: String? = nil) -> Int {
        route.map { route in requests.filter { $0.route == route }.count } ?? requests.count
    }

    var serverNow: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) + clockSkewMilliseconds }
}

public enum FakeServerError: Error { case notListening }

/// An order as the fake recorded it.
public struct FakeOrder: Sendable {
    public let orderId: Int64
    public let clientOrderId: String
    public let symbol: String
    public let side: String
    public let status: String
    public let origQty: Decimal
    public let executedQty: Decimal
    public let quoteQty: Decimal
    public let price: Decimal
    public let commission: Decimal
    public let commissionAsset: String
    public let time: Int64
}

extension FakeBinance {
    public func replaceMarket(_ market: FakeMarket) { self.market = market }
}
