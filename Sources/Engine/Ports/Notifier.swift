/// Delivers operator alerts (Telegram in production). The adapter adds the
/// `🤖 Binance Quant:` prefix; the engine hands it the bare text.
public protocol Notifier: Sendable {
    /// Sends `text`; never throws: a failure is a receipt, so a failed alert never stops a cycle.
    func send(_ text: String) async -> DeliveryReceipt
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
