import Foundation
import Signing

/// How the client reaches Binance and how careful it is. Defaults are production's.
public struct BinanceClientConfiguration: Sendable {
    public static let productionBaseURL = URL(string: "https://api.binance.com")!

    public var baseURL: URL
    /// Sent as `X-MBX-APIKEY`; nil for public market data only.
    public var apiKey: String?
    public var signer: RequestSigner?
    /// `recvWindow` of signed requests, in milliseconds (Binance allows up to 60,000).
    public var recvWindowMilliseconds: Int
    /// Per-request timeout; an order that times out is "outcome unknown" and is looked up.
    public var timeoutSeconds: Double
    /// At most this many requests in flight at once.
    public var maxInFlight: Int
    /// The IP's REQUEST_WEIGHT budget per minute, and the share of it the client uses before it waits.
    public var weightLimitPerMinute: Int
    public var weightSafetyShare: Double
    /// Binance's REQUEST_WEIGHT interval: one minute. Only tests shorten it (with the fake's).
    public var weightWindowMilliseconds: Int64 = 60_000
    /// Attempts per read (first try included) on 429, 5xx, timeouts and connection errors.
    public var readAttempts: Int
    /// Longest total wait the client accepts (Retry-After, weight budget) within one cycle.
    public var maxTotalWaitSeconds: Double
    /// Waits between lookups of an order Binance does not know yet (`-2013` right after placing).
    public var orderLookupDelays: [Double]

    public init(baseURL: URL = productionBaseURL, apiKey: String? = nil, signer: RequestSigner? = nil,
                recvWindowMilliseconds: Int = 5000, timeoutSeconds: Double = 10, maxInFlight: Int = 16,
                weightLimitPerMinute: Int = 6000, weightSafetyShare: Double = 0.9, readAttempts: Int = 3,
                maxTotalWaitSeconds: Double = 90, orderLookupDelays: [Double] = [0.5, 1, 2]) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.signer = signer
        self.recvWindowMilliseconds = recvWindowMilliseconds
        self.timeoutSeconds = timeoutSeconds
        self.maxInFlight = maxInFlight
        self.weightLimitPerMinute = weightLimitPerMinute
        self.weightSafetyShare = weightSafetyShare
        self.readAttempts = readAttempts
        self.maxTotalWaitSeconds = maxTotalWaitSeconds
        self.orderLookupDelays = orderLookupDelays
    }
}

/// What the client did, for the benchmark and the report.
public struct BinanceClientMetrics: Sendable, Equatable {
    public var requests = 0
    /// Sum of the documented weights of every request sent.
    public var totalWeight = 0
    public var peakInFlight = 0
    /// Last `X-MBX-USED-WEIGHT-1M` seen.
    public var usedWeightLastMinute = 0
    /// Every wait the client chose (Retry-After, weight budget, -2013 backoff), in seconds.
    public var waits: [Double] = []
    /// Requests per `METHOD /path`.
    public var requestsByEndpoint: [String: Int] = [:]
}
