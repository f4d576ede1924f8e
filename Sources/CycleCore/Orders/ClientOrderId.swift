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
        let sequenceText = String(max(0, sequence))
        let padded = String(repeating: "0", count: max(0, 3 - sequenceText.count)) + sequenceText
        return "\(Self.allowedPrefix(of: prefix, length: 6))_\(Self.allowedPrefix(of: symbol, length: 10))_\(runDigest)_\(padded)"
    }

    /// The first `length` characters of `text` that Binance accepts in an id (`[A-Za-z0-9_-]`),
    /// the others dropped. An ASCII text is filtered byte by byte (no ASCII character joins
    /// another into one but CR LF, and neither is allowed); any other goes character by character.
    static func allowedPrefix(of text: String, length: Int) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return String(text.filter { allowedCharacters.contains($0) }.prefix(length))
        }
        var kept: [UInt8] = []
        kept.reserveCapacity(min(length, text.utf8.count))
        for byte in text.utf8 where isAllowed(byte) {
            guard kept.count < length else { break }
            kept.append(byte)
        }
        return String(decoding: kept, as: UTF8.self)
    }

    private static let allowedCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }
}
