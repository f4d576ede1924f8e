import Strategy

/// One order the cycle decided on (`buy_sell_intents`), in the original's shape.
public struct TradeIntent: Sendable, Equatable {
    public var category: TradeCategory
    public var action: IntentAction
    public var symbol: String
    /// Why a sell was decided (nil for a buy).
    public var reason: IntentReason?
    public var quantity: Double?
    public var price: Double?
    public var budget: Double?
    public var weight: Double?
    public var relativeScore: Double?
    /// USDT to spend, for quote-sized orders (fuel top-up).
    public var quoteOrderQty: Double?
    public var clientOrderId: String?

    /// The intent as the report writes it; `messages` names the reason in the report's language.
    public func json(messages: MessageCatalog) -> JSONValue {
        var object: JSONObject = ["category": .string(category.rawValue), "action": .string(action.rawValue), "symbol": .string(symbol)]
        object["reason"] = reason.map { .string(messages.intentReasonText($0)) }
        object["quantity"] = quantity.map { .double($0) }
        object["price"] = price.map { .double($0) }
        object["budget"] = budget.map { .double($0) }
        object["weight"] = weight.map { .double($0) }
        object["relative_score"] = relativeScore.map { .double($0) }
        object["quote_order_qty"] = quoteOrderQty.map { .double($0) }
        object["client_order_id"] = clientOrderId.map { .string($0) }
        return .object(object)
    }
}

/// Why a sell was decided, typed; the report names it (`MessageCatalog.text(_:)`).
public enum IntentReason: Sendable, Equatable {
    /// A trend rule (docs/strategy.md#sell-reasons), named in the operator's language.
    case trend(SellReason)
    /// The daily circuit breaker, named `daily_circuit_breaker` in every language.
    case circuitBreaker
}

/// A BTC DCA buy or trim (`btc_dca_intents`).
public struct DCAIntent: Sendable, Equatable {
    public var action: IntentAction
    public var quantity: Double
    public var budget: Double?
    public var ahr999: Double?
    public var sellFraction: Double?
    public var zscore: Double?
    public var clientOrderId: String?

    public var json: JSONValue {
        var object: JSONObject = ["action": .string(action.rawValue), "symbol": "BTCUSDT", "quantity": .double(quantity)]
        object["budget"] = budget.map { .double($0) }
        object["ahr999"] = ahr999.map { .double($0) }
        object["sell_pct"] = sellFraction.map { .double($0) }
        object["zscore"] = zscore.map { .double($0) }
        object["client_order_id"] = clientOrderId.map { .string($0) }
        return .object(object)
    }
}

/// A Simple Earn subscribe or redeem (`redemption_subscription_intents`); amount in the asset's units.
public struct EarnIntent: Sendable, Equatable {
    public var asset: String
    public var action: EarnAction
    public var productId: String
    public var amount: Double
    public var reason: EarnReason

    public var json: JSONValue {
        ["asset": .string(asset), "action": .string(action.rawValue), "product_id": .string(productId),
         "amount": .double(amount), "reason": .string(reason.rawValue)]
    }
}

/// An alert as the report keeps it: a fingerprint and length, never the text.
public struct NotificationRecord: Sendable, Equatable {
    public var sha256: String
    /// Unicode code points, as Python's `len()` counts them.
    public var length: Int
    public var deliveryStatus: DeliveryStatus
    public var acknowledged: Bool
    public var errorType: String?

    /// The record of one alert: its text's fingerprint and length (never the text) and its fate.
    public init(text: String, deliveryStatus: DeliveryStatus, acknowledged: Bool, errorType: String? = nil) {
        self.sha256 = SHA256.hex(text)
        self.length = text.unicodeScalars.count
        self.deliveryStatus = deliveryStatus
        self.acknowledged = acknowledged
        self.errorType = errorType
    }

    init(sha256: String, length: Int, deliveryStatus: DeliveryStatus, acknowledged: Bool, errorType: String? = nil) {
        self.sha256 = sha256
        self.length = length
        self.deliveryStatus = deliveryStatus
        self.acknowledged = acknowledged
        self.errorType = errorType
    }

    public func json(runId: String, dryRun: Bool) -> JSONValue {
        var object: JSONObject = [
            "sink": "telegram", "compact_text_sha256": .string(sha256), "compact_text_length": .int(Int64(length)),
            "run_id": .string(runId), "dry_run": .bool(dryRun), "delivery_status": .string(deliveryStatus.rawValue),
            "transport_acknowledged": .bool(acknowledged),
        ]
        object["error_type"] = errorType.map { .string($0) }
        return .object(object)
    }
}

/// A named reason why something did not happen.
public struct GatingEvent: Sendable, Equatable {
    public var gate: Gate
    public var category: GateCategory
    public var symbol: String?
    public var detail: GateDetail?

    public init(gate: Gate, category: GateCategory, symbol: String? = nil, detail: GateDetail? = nil) {
        self.gate = gate
        self.category = category
        self.symbol = symbol
        self.detail = detail
    }

    public var json: JSONValue {
        var object: JSONObject = ["gate": .string(gate.wireName), "category": .string(category.rawValue)]
        object["symbol"] = symbol.map { .string($0) }
        object["detail"] = detail?.json
        return .object(object)
    }
}

/// An error with the stage it happened in (`client`, `state_load`, `execute_cycle`, `notification_delivery`).
public struct ReportError: Sendable, Equatable {
    public var stage: ErrorStage
    public var message: String
    public init(stage: ErrorStage, message: String) {
        self.stage = stage
        self.message = message
    }
}
