/// Delivers operator alerts (Telegram in production). The adapter adds the
/// `🤖 Binance Quant:` prefix; the engine hands it the bare text.
public protocol Notifier: Sendable {
    /// Sends `text`; never throws: a failure is a receipt, so a failed alert never stops a cycle.
    func send(_ text: String) async -> DeliveryReceipt
}

/// What happened to one alert.
public enum DeliveryReceipt: Sendable, Equatable {
    /// The transport acknowledged delivery.
    case sent
    /// Delivery failed; `errorType` names the kind of failure, never a secret.
    case failed(errorType: String)
    /// No transport is configured; the alert went to the log only (not an error).
    case logged
}

/// Records alerts in memory (tests, and the default when Telegram is not configured).
public actor RecordingNotifier: Notifier {
    public private(set) var messages: [String] = []
    private let receipt: DeliveryReceipt

    public init(receipt: DeliveryReceipt = .logged) {
        self.receipt = receipt
    }

    public func send(_ text: String) async -> DeliveryReceipt {
        messages.append(text)
        return receipt
    }
}
