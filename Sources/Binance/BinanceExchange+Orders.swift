import BinanceWireFormat
import Engine
import Foundation

/// Orders and Simple Earn moves. Sent once; Binance's refusals become `BinanceRejection`
/// (final), anything unclear is rethrown for the engine to look the order up by client id.
extension BinanceExchange {
    public func placeMarketOrder(_ order: MarketOrder) async throws -> OrderFill {
        let listing = await memory.listing(order.symbol)
        var quantity: Decimal?
        var quote: Decimal?
        switch order.size {
        case .quantity(let requested):
            let floored = OrderSizing.floorToStep(OrderSizing.double(requested), rules: listing?.rules)
            quantity = min(floored, requested)
        case .quote(let requested):
            quote = Self.floor(requested, decimals: listing?.quotePrecision ?? 8)
        }
        try await checkFilters(order.symbol, quantity: quantity, quote: quote, rules: listing?.rules)
        do {
            let placed = try await client.newMarketOrder(symbol: order.symbol, side: order.side.rawValue, quantity: quantity,
                                                         quoteQuantity: quote, clientOrderId: order.clientOrderId)
            return try Self.fill(placed, baseAsset: listing?.baseAsset ?? Self.baseAsset(of: order.symbol), commissions: placed.fills ?? [])
        } catch let error as BinanceAPIError where error.isDefiniteRefusal {
            throw BinanceRejection(error: error)
        }
    }

    /// Looks the order up by client order id. Binance may not know an order for a moment after
    /// it was placed, so `-2013` is asked again after each of the configured waits before the
    /// answer "never placed" (nil) is given.
    public func order(symbol: String, clientOrderId: String) async throws -> OrderFill? {
        var waits = client.configuration.orderLookupDelays[...]
        while true {
            do {
                let found = try await client.order(symbol: symbol, clientOrderId: clientOrderId)
                return try await resolvedFill(found, symbol: symbol, endpoint: .queryOrder)
            } catch let error as BinanceAPIError where error.code == BinanceErrorCode.orderDoesNotExist {
                guard let wait = waits.popFirst() else { return nil }
                try await client.pause(seconds: wait, because: error)
            }
        }
    }

    public func orderInHistory(symbol: String, clientOrderId: String, from start: Date, to end: Date) async throws -> OrderFill? {
        let milliseconds = { (date: Date) in Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
        let orders = try await client.allOrders(symbol: symbol, startTime: milliseconds(start), endTime: milliseconds(end))
        guard let found = orders.first(where: { $0.clientOrderId == clientOrderId }) else { return nil }
        return try await resolvedFill(found, symbol: symbol, endpoint: .allOrders)
    }

    /// Binance's standard spot fee (the simulated accounts' `FeeSchedule`), used only when an
    /// order's trades cannot be read.
    static let standardFeeRate = FeeSchedule.binanceSpot.rateValue

    /// An order Binance answered for, booked with what that answer says. Its commission comes
    /// from the order's trades (the query does not carry it); when they cannot be read, the
    /// outcome still stands: the commission is estimated at the standard rate in the bought
    /// asset (booking slightly less than was received, never more) and marked estimated.
    private func resolvedFill(_ found: BinanceWire.Order, symbol: String, endpoint: BinanceEndpoint) async throws -> OrderFill {
        let baseAsset = await memory.listing(symbol)?.baseAsset ?? Self.baseAsset(of: symbol)
        let executed = try BinanceWire.decimal(found.executedQty, field: "executedQty", endpoint: endpoint)
        guard executed > 0 else { return try Self.fill(found, baseAsset: baseAsset, commissions: []) }
        let trades: [BinanceWire.Trade]
        do {
            trades = try await client.trades(symbol: symbol, orderId: found.orderId)
        } catch let error as BinanceAPIError {
            var fill = try Self.fill(found, baseAsset: baseAsset, commissions: [])
            fill.commissionInBaseAsset = fill.executedQuantity * Self.standardFeeRate
            fill.commissionEstimated = true
            logger.warning("order commission estimated: trades unavailable", metadata: [
                "order.client_id": .string(found.clientOrderId), "order.symbol": .string(symbol), "error": .string("\(error)"),
            ])
            return fill
        }
        let commissions = trades.map { BinanceWire.Fill(price: "0", qty: $0.qty, commission: $0.commission, commissionAsset: $0.commissionAsset) }
        return try Self.fill(found, baseAsset: baseAsset, commissions: commissions)
    }

    /// Status and executed quantity by one lookup (weight 4); the commission's trades are not read.
    public func orderStatus(symbol: String, clientOrderId: String) async throws -> OrderFill? {
        do {
            let found = try await client.order(symbol: symbol, clientOrderId: clientOrderId)
            let baseAsset = await memory.listing(symbol)?.baseAsset ?? Self.baseAsset(of: symbol)
            return try Self.fill(found, baseAsset: baseAsset, commissions: [])
        } catch let error as BinanceAPIError where error.code == BinanceErrorCode.orderDoesNotExist {
            return nil
        }
    }

    public func subscribeFlexible(productId: String, amount: Decimal) async throws {
        try await moveEarn(.flexibleSubscribe, productId: productId) { try await client.subscribeFlexible(productId: productId, amount: amount) }
    }

    public func redeemFlexible(productId: String, amount: Decimal) async throws {
        try await moveEarn(.flexibleRedeem, productId: productId) { try await client.redeemFlexible(productId: productId, amount: amount) }
    }

    /// One subscribe or redeem. `-6009` (more than one move per 3 s: nothing was done) is
    /// asked again once after 3 s; every other refusal is final.
    /// A refused move forgets its product id (it may be a remembered one that is no longer
    /// valid): the next move looks the product up again.
    private func moveEarn(_ endpoint: BinanceEndpoint, productId: String, _ send: () async throws -> BinanceWire.EarnMoveResult) async throws {
        do {
            try await moveEarnOnce(endpoint, send)
        } catch let rejection as BinanceRejection {
            await earnProducts.forget(productId: productId)
            throw rejection
        }
    }

    private func moveEarnOnce(_ endpoint: BinanceEndpoint, _ send: () async throws -> BinanceWire.EarnMoveResult) async throws {
        let result: BinanceWire.EarnMoveResult
        do {
            do {
                result = try await send()
            } catch let error as BinanceAPIError where error.code == SimpleEarnError.requestFrequencyTooHigh.rawValue {
                try await client.pause(seconds: 3, because: error)
                result = try await send()
            }
        } catch let error as BinanceAPIError where error.isDefiniteRefusal {
            throw BinanceRejection(error: error)
        }
        guard result.success else {
            throw BinanceRejection(error: BinanceAPIError(kind: .refused, endpoint: "\(endpoint.method.rawValue) \(endpoint.path)", httpStatus: 200, message: "Binance answered success=false"))
        }
    }

    /// The adapter's own last check: an order Binance's filters would refuse is never sent.
    private func checkFilters(_ symbol: String, quantity: Decimal?, quote: Decimal?, rules: SymbolRules?) async throws {
        guard let rules, let price = await memory.price(symbol) else { return }
        if let quantity, let violation = OrderSizing.check(quantity: quantity, price: price, rules: rules) {
            throw BinanceFilterRejection(violation: violation, symbol: symbol)
        }
        if let quote, let notional = rules.notional, notional.appliesMinToMarket, quote < notional.minNotional {
            throw BinanceFilterRejection(violation: FilterViolation(filter: notional.filterName, detail: "quote \(BinanceQuery.text(quote)) USDT below minNotional \(BinanceQuery.text(notional.minNotional))"), symbol: symbol)
        }
        if quantity == 0 || quote == 0 {
            throw BinanceFilterRejection(violation: FilterViolation(filter: .lotSize, detail: "quantity rounds to zero"), symbol: symbol)
        }
    }

    public static func fill(_ order: BinanceWire.Order, baseAsset: String, commissions: [BinanceWire.Fill]) throws -> OrderFill {
        let status: OrderFill.Status
        switch order.status {
        case "FILLED": status = .filled
        case "PARTIALLY_FILLED": status = .partiallyFilled
        case "EXPIRED", "EXPIRED_IN_MATCH": status = .expired
        case "NEW": status = .new
        case "CANCELED": status = .canceled
        case "REJECTED": status = .rejected
        default:
            throw BinanceAPIError(kind: .unknownOrderStatus, endpoint: "order \(order.clientOrderId) on \(order.symbol)",
                                  message: "status '\(order.status)' is not one this engine accounts for; trading stops until an operator checks the order on Binance")
        }
        var commissionInBase: Decimal = 0
        for fill in commissions where fill.commissionAsset == baseAsset {
            commissionInBase += try BinanceWire.decimal(fill.commission, field: "commission", endpoint: .newOrder)
        }
        return OrderFill(
            orderId: String(order.orderId), status: status,
            executedQuantity: try BinanceWire.double(order.executedQty, field: "executedQty", endpoint: .newOrder),
            quoteQuantity: try BinanceWire.double(order.cummulativeQuoteQty, field: "cummulativeQuoteQty", endpoint: .newOrder),
            commissionInBaseAsset: OrderSizing.double(commissionInBase)
        )
    }

    /// For symbols the run has no exchange info for: the quote asset is always USDT here.
    static func baseAsset(of symbol: String) -> String {
        symbol.hasSuffix("USDT") ? String(symbol.dropLast(4)) : symbol
    }

    static func floor(_ value: Decimal, decimals: Int) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, decimals, .down)
        return output
    }
}
