/// Builds Binance client order ids: at most 36 characters of `[A-Za-z0-9_-]`, deterministic
/// for a run id (and nonce) and the order's position in the run, and unique per order (up to 10⁷ orders a run). The original's
/// `PREFIX_SYMBOL_RUNID_SEQ` overflows 36 characters for long run ids; here the run id is
/// represented by a 10-hex-digit digest. A live run adds a per-run nonce to the digest, so two
/// runs given the same run id (a cron line with a fixed `--run-id`) never share an id.
public struct ClientOrderIdFactory: Sendable {
    public let runId: String
    private let runDigest: String

    public init(runId: String, nonce: String? = nil) {
        self.runId = runId
        self.runDigest = String(SHA256.hex(nonce.map { "\(runId)#\($0)" } ?? runId).prefix(10))
    }

    /// `prefix` is one of `T_BUY`, `T_SELL`, `D_BUY`, `D_SELL`, `C_SELL` (circuit breaker), `F_BUY` (fuel).
    public func make(prefix: String, symbol: String, sequence: Int) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
        let cleanPrefix = String(prefix.filter { allowed.contains($0) }.prefix(6))
        let cleanSymbol = String(symbol.filter { allowed.contains($0) }.prefix(10))
        let sequenceText = String(max(0, sequence))
        let padded = String(repeating: "0", count: max(0, 3 - sequenceText.count)) + sequenceText
        return "\(cleanPrefix)_\(cleanSymbol)_\(runDigest)_\(padded)"
    }
}
