/// What happened to one alert.
public enum DeliveryReceipt: Sendable, Equatable {
    /// The transport acknowledged delivery.
    case sent
    /// Delivery failed; `errorType` names the kind of failure, never a secret.
    case failed(errorType: String)
    /// No transport is configured; the alert went to the log only (not an error).
    case logged
}
