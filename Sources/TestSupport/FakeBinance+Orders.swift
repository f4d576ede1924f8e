import BinanceWireFormat
import Engine
import Foundation

/// MARKET orders: parameter checks, filters, balances, and fills charged like every simulated
/// account (`SimulatedFill`): 0.1 % of the received asset, or 0.075 % of the value in BNB when
/// the free BNB covers it, as a real account with "use BNB for fees" on.
extension FakeBinance {
    func placeOrder(_ parameters: [String: String], key: Key?, fault: FakeBinanceFault?) -> Answer {
        guard key?.canTradeSpot == true else { return Self.refusal(-2015, "Invalid API-key, IP, or permissions for action.", status: 401) }
        guard let symbol = parameters["symbol"], let base = market.baseAsset(symbol), let price = market.price(symbol) else {
            return Self.refusal(-1121, "Invalid symbol.")
        }
        // Binance refuses new orders on a symbol that is not TRADING (errors.md, -2010 "Market is closed.").
        guard market.listing(symbol)?["status"]?.stringValue ?? "TRADING" == "TRADING" else { return Self.refusal(-2010, "Market is closed.") }
        guard let sideText = parameters["side"], ["BUY", "SELL"].contains(sideText) else { return Self.refusal(-1100, "Illegal characters found in parameter 'side'.") }
        guard parameters["type"] == "MARKET" else { return Self.refusal(-1116, "Invalid orderType.") }
        let clientId = parameters["newClientOrderId"] ?? "fake-\(orders.count + 1)"
        guard clientId.count <= 36, clientId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return Self.refusal(-1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.")
        }
        guard !orders.contains(where: { $0.clientOrderId == clientId }) else { return Self.refusal(-2010, "Duplicate order sent.") }
        let rules = rules(symbol)
        let step = rules.marketOrderStep
        var quantity: Decimal
        switch (parameters["quantity"], parameters["quoteOrderQty"]) {
        case (let text?, nil):
            guard let value = Self.decimal(text) else { return Self.refusal(-1100, "Illegal characters found in parameter 'quantity'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.") }
            guard OrderSizing.isMultiple(value, of: step) || Self.decimals(text) <= Self.decimals(Self.text(step)) else {
                return Self.refusal(-1111, "Parameter 'quantity' has too much precision.")
            }
            quantity = value
        case (nil, let text?):
            guard let quote = Self.decimal(text) else { return Self.refusal(-1100, "Illegal characters found in parameter 'quoteOrderQty'.") }
            quantity = SimulatedFill.quantity(forQuote: quote, price: price, rules: rules)
        default:
            return Self.refusal(-1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!")
        }
        if let violation = rules.marketOrderViolation(quantity: quantity, price: price) {
            return Self.refusal(-1013, "Filter failure: \(violation.filter.rawValue)")
        }
        let side: OrderSide = sideText == "BUY" ? .buy : .sell
        let quoteAsset = market.listing(symbol)?["quoteAsset"]?.stringValue ?? "USDT"
        let whole = SimulatedFill(side: side, baseAsset: base, quoteAsset: quoteAsset, quantity: quantity, price: price)
        guard balances[whole.paid.asset, default: 0] >= whole.paid.amount else {
            return Self.refusal(-2010, "Account has insufficient balance for requested action.")
        }

        var executed = quantity
        var status = "FILLED"
        if case .partialFill(let share)? = fault {
            executed = OrderSizing.floor(quantity * share, step: step)
            status = "EXPIRED"
        }
        let fill = SimulatedFill(side: side, baseAsset: base, quoteAsset: quoteAsset, quantity: executed, price: price)
        // The payment leaves first: the BNB left after it (and any this fill brings) pays the fee.
        let freeBNB = balances["BNB", default: 0] - (fill.paid.asset == "BNB" ? fill.paid.amount : 0)
        let fee = fill.fee(bnbPrice: market.price("BNB\(quoteAsset)"), freeBNB: freeBNB, schedule: feeSchedule)
        for (asset, change) in fill.balanceChanges(fee: fee) { balances[asset, default: 0] += change }
        let quote = fill.quoteQuantity
        let commission = fee.amount
        let commissionAsset = fee.asset
        let order = FakeOrder(orderId: Int64(orders.count + 1), clientOrderId: clientId, symbol: symbol, side: sideText, status: status,
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

    static func decimals(_ text: String) -> Int {
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: dot)...].count
    }
}
