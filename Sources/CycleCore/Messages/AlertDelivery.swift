/// What became of one alert, as the cycle's report keeps it.
public struct AlertDelivery: Sendable, Equatable {
    public var record: NotificationRecord
    /// The alert's text when it went to the log only (no transport is configured): the report's
    /// log lines keep it. Nil otherwise.
    public var loggedText: String?

    /// The delivery of an alert rendered as `text`: in a dry run it is recorded, not sent;
    /// otherwise `send` carries it and its receipt is recorded.
    public static func of(_ text: String, dryRun: Bool, send: (String) -> DeliveryReceipt) -> AlertDelivery {
        var record = NotificationRecord(text: text, deliveryStatus: .suppressed, acknowledged: false)
        guard !dryRun else { return AlertDelivery(record: record) }
        switch send(text) {
        case .sent:
            record.deliveryStatus = .sent
            record.acknowledged = true
        case .failed(let errorType):
            record.deliveryStatus = .failed
            record.errorType = errorType
        case .logged:
            record.deliveryStatus = .logged
            return AlertDelivery(record: record, loggedText: text)
        }
        return AlertDelivery(record: record)
    }

    /// An alert that was neither rendered nor sent (a backtest's): logged, unacknowledged, no text.
    public static let unrendered = AlertDelivery(record: NotificationRecord(sha256: "", length: 0, deliveryStatus: .logged, acknowledged: false))
}
