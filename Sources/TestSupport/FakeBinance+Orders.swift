import BinanceWireFormat
import Engine
import Foundation

/// MARKET orders: parameter checks, filters, balances, fills with a 0.1 % fee in the received asset.
extension FakeBinance {
    func placeOrder(_ parameters: [String: String], key: Key?, fault: FakeBinanceFault?) -> Answer {
        guard key?.canTradeSpot == true else { return Self.refusal(-2015, "Invalid API-key, IP, or permissions for action.", status: 401) }
        guard let symbol = parameters["symbol"], let base = market.baseAsset(symbol), let price = market.price(symbol) else {
            return Self.refusal(-1121, "Invalid symbol.")
        }
        // Binance refuses new orders on a symbol that is not TRADING (errors.md, -2010 "Market is closed.").
        guard market.listing(symbol)?["status"]?.stringValue ?? "TRADING" == "TRADING" else { return Self.refusal(-2010, "Market is closed.") }
        guard let side = parameters["side"], ["BUY", "SELL"].contains(side) else { return Self.refusal(-1100, "Illegal characters found in parameter 'side'.") }
        guard parameters["type"] == "MARKET" else { return Self.refusal(-1116, "Invalid orderType.") }
        let clientId = parameters["newClientOrderId"] ?? "fake-\(orders.count + 1)"
        guard clientId.count <= 36, clientId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return Self.refusal(-1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.")
        }
        guard !orders.contains(where: { $0.clientOrderId == clientId }) else { return Self.refusal(-2010, "Duplicate order sent.") }
        let lot = stepFilter(symbol)
        var quantity: Decimal
        switch (parameters["quantity"], parameters["quoteOrderQty"]) {
        case (let text?, nil):
            guard let value = Self.decimal(text) else { return Self.refusal(-1100, "Illegal characters found in parameter 'quantity'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.") }
            guard lot.step == 0 || Self.isMultiple(value, of: lot.step) || Self.decimals(text) <= Self.decimals(Self.text(lot.step)) else {
                return Self.refusal(-1111, "Parameter 'quantity' has too much precision.")
            }
            quantity = value
        case (nil, let text?):
            guard let quote = Self.decimal(text) else { return Self.refusal(-1100, "Illegal characters found in parameter 'quoteOrderQty'.") }
            quantity = Self.floor(quote / price, step: lot.step)
        default:
            return Self.refusal(-1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!")
        }
        if let failed = failedFilter(symbol, quantity: quantity, price: price) { return Self.refusal(-1013, "Filter failure: \(failed)") }
        let cost = quantity * price
        if side == "BUY", balances["USDT", default: 0] < cost { return Self.refusal(-2010, "Account has insufficient balance for requested action.") }
        if side == "SELL", balances[base, default: 0] < quantity { return Self.refusal(-2010, "Account has insufficient balance for requested action.") }

        var executed = quantity
        var status = "FILLED"
        if case .partialFill(let share)? = fault {
            executed = Self.floor(quantity * share, step: lot.step)
            status = "EXPIRED"
        }
        let quote = executed * price
        let commission: Decimal
        let commissionAsset: String
        if side == "BUY" {
            commission = executed * Self.feeRate
            commissionAsset = base
            balances["USDT", default: 0] -= quote
            balances[base, default: 0] += executed - commission
        } else {
            commission = quote * Self.feeRate
            commissionAsset = "USDT"
            balances[base, default: 0] -= executed
            balances["USDT", default: 0] += quote - commission
        }
        let order = FakeOrder(orderId: Int64(orders.count + 1), clientOrderId: clientId, symbol: symbol, side: side, status: status,
                              origQty: quantity, executedQty: executed, quoteQty: quote, price: price, commission: commission,
                              commissionAsset: commissionAsset, time: serverNow)
        orders.append(order)
        var answer = Self.orderJSON(order)
        answer["fills"] = .array(executed > 0 ? [.object(["price": .string(Self.text(price)), "qty": .string(Self.text(executed)),
                                                          "commission": .string(Self.text(commission)), "commissionAsset": .string(commissionAsset),
                                                          "tradeId": .int(order.orderId)])] : [])
        answer["transactTime"] = .int(order.time)
        return (200, .object(answer))
    }

    func queryOrder(_ parameters: [String: String], fault: FakeBinanceFault?) -> Answer {
        if case .orderNotYetVisible? = fault { return Self.refusal(-2013, "Order does not exist.") }
        guard let order = orders.first(where: { $0.clientOrderId == parameters["origClientOrderId"] && $0.symbol == parameters["symbol"] }) else {
            return Self.refusal(-2013, "Order does not exist.")
        }
        return (200, .object(Self.orderJSON(order)))
    }

    /// Orders of one symbol created in [startTime, endTime], oldest first (Binance allows at most 24 h).
    func allOrders(_ parameters: [String: String]) -> Answer {
        guard let symbol = parameters["symbol"], market.symbols[symbol] != nil else { return Self.refusal(-1121, "Invalid symbol.") }
        let start = parameters["startTime"].flatMap { Int64($0) } ?? 0
        let end = parameters["endTime"].flatMap { Int64($0) } ?? .max
        guard end >= start, end - start <= 86_400_000 else { return Self.refusal(-1127, "More than 24 hours between startTime and endTime.") }
        let matching = orders.filter { $0.symbol == symbol && $0.time >= start && $0.time <= end }
        return (200, .array(matching.map { .object(Self.orderJSON($0)) }))
    }

    func trades(_ parameters: [String: String]) -> Answer {
        let matching = orders.filter { "\($0.orderId)" == parameters["orderId"] && $0.symbol == parameters["symbol"] && $0.executedQty > 0 }
        return (200, .array(matching.map { order in
            .object(["symbol": .string(order.symbol), "id": .int(order.orderId), "orderId": .int(order.orderId), "price": .string(Self.text(order.price)),
                     "qty": .string(Self.text(order.executedQty)), "quoteQty": .string(Self.text(order.quoteQty)),
                     "commission": .string(Self.text(order.commission)), "commissionAsset": .string(order.commissionAsset),
                     "time": .int(order.time), "isBuyer": .bool(order.side == "BUY"), "isMaker": .bool(false)])
        }))
    }

    static func orderJSON(_ order: FakeOrder) -> JSONObject {
        ["symbol": .string(order.symbol), "orderId": .int(order.orderId), "orderListId": .int(-1), "clientOrderId": .string(order.clientOrderId),
         "price": .string("0"), "origQty": .string(text(order.origQty)), "executedQty": .string(text(order.executedQty)),
         "cummulativeQuoteQty": .string(text(order.quoteQty)), "status": .string(order.status), "timeInForce": .string("GTC"),
         "type": .string("MARKET"), "side": .string(order.side), "time": .int(order.time), "updateTime": .int(order.time)]
    }

    /// The symbol's filters through the shared wire mapping (`BinanceWireFormat`), so the fake
    /// reads defaults (an absent `applyMinToMarket`) exactly as the engine does.
    private func rules(_ symbol: String) -> SymbolRules {
        guard let filters = market.listing(symbol)?["filters"] else { return SymbolRules() }
        return (try? BinanceWire.symbolRules(filters: filters, symbol: symbol)) ?? SymbolRules()
    }

    /// The step a MARKET order's quantity must respect: MARKET_LOT_SIZE's when set, else LOT_SIZE's.
    private func stepFilter(_ symbol: String) -> (step: Decimal, name: String) {
        let rules = rules(symbol)
        if let market = rules.marketLotSize?.stepSize, market > 0 { return (market, "MARKET_LOT_SIZE") }
        return (rules.lotSize?.stepSize ?? 0, "LOT_SIZE")
    }

    /// Binance's order of checks for a market order: LOT_SIZE, MARKET_LOT_SIZE, then the notional filters.
    private func failedFilter(_ symbol: String, quantity: Decimal, price: Decimal) -> String? {
        let rules = rules(symbol)
        for (name, lot) in [("LOT_SIZE", rules.lotSize), ("MARKET_LOT_SIZE", rules.marketLotSize)] {
            guard let lot else { continue }
            if quantity <= 0 || (lot.minQty > 0 && quantity < lot.minQty) || (lot.maxQty > 0 && quantity > lot.maxQty) { return name }
            if lot.stepSize > 0, !Self.isMultiple(quantity - lot.minQty, of: lot.stepSize) { return name }
        }
        let value = quantity * price
        if let notional = rules.notional {
            if notional.appliesMinToMarket, value < notional.minNotional { return notional.filterName.rawValue }
            if notional.appliesMaxToMarket, let maximum = notional.maxNotional, maximum > 0, value > maximum { return notional.filterName.rawValue }
        }
        return nil
    }

    static func isMultiple(_ value: Decimal, of step: Decimal) -> Bool {
        guard step > 0 else { return true }
        return floor(value, step: step) == value
    }

    static func floor(_ value: Decimal, step: Decimal) -> Decimal {
        guard step > 0 else { return value }
        var ratio = value / step
        var whole = Decimal()
        NSDecimalRound(&whole, &ratio, 0, .down)
        return whole * step
    }

    static func decimals(_ text: String) -> Int {
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: dot)...].count
    }
}
