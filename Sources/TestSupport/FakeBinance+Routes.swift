import Engine
import Foundation

/// The endpoints: market data, account, orders, Simple Earn, key restrictions.
extension FakeBinance {
    typealias Answer = (Int, JSONValue)

    func dispatch(_ route: String, _ parameters: [String: String], key: Key?, fault: FakeBinanceFault?) -> Answer {
        switch route {
        case "GET /api/v3/ping": return (200, .object([:]))
        case "GET /api/v3/time": return (200, .object(["serverTime": .int(serverNow)]))
        case "GET /api/v3/exchangeInfo": return exchangeInfo(parameters)
        case "GET /api/v3/avgPrice":
            guard let symbol = parameters["symbol"], let price = market.price(symbol) else { return Self.refusal(-1121, "Invalid symbol.") }
            return (200, .object(["mins": .int(5), "price": .string(Self.text(price)), "closeTime": .int(serverNow)]))
        case "GET /api/v3/account": return account(key)
        case "POST /api/v3/order": return placeOrder(parameters, key: key, fault: fault)
        case "GET /api/v3/order": return queryOrder(parameters, fault: fault)
        case "GET /api/v3/allOrders": return allOrders(parameters)
        case "GET /api/v3/myTrades": return trades(parameters)
        case "GET /sapi/v1/simple-earn/flexible/list":
            let asset = parameters["asset"] ?? "USDT"
            let row: JSONValue = .object(["asset": .string(asset), "productId": .string(asset + "001"), "canPurchase": .bool(true),
                                          "canRedeem": .bool(true), "minPurchaseAmount": .string("0.1"), "status": .string("PURCHASING")])
            return (200, .object(["rows": .array([row]), "total": .int(1)]))
        case "GET /sapi/v1/simple-earn/flexible/position":
            let rows: [JSONValue] = earn.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map {
                .object(["asset": .string($0.key), "productId": .string($0.key + "001"), "totalAmount": .string(Self.text($0.value)), "canRedeem": .bool(true)])
            }
            return (200, .object(["rows": .array(rows), "total": .int(Int64(rows.count))]))
        case "POST /sapi/v1/simple-earn/flexible/subscribe": return moveEarn(parameters, key: key, subscribe: true)
        case "POST /sapi/v1/simple-earn/flexible/redeem": return moveEarn(parameters, key: key, subscribe: false)
        case "GET /sapi/v1/account/apiRestrictions":
            guard let key else { return Self.refusal(-2015, "Invalid API-key, IP, or permissions for action.", status: 401) }
            return (200, .object(["ipRestrict": .bool(key.ipRestrict), "enableWithdrawals": .bool(key.enableWithdrawals),
                                  "enableSpotAndMarginTrading": .bool(key.canTradeSpot), "enableReading": .bool(true),
                                  "createTime": .int(1_698_645_219_000)]))
        default:
            return (404, .object(["code": .int(-1000), "msg": .string("Unknown path \(route)")]))
        }
    }

    private func exchangeInfo(_ parameters: [String: String]) -> Answer {
        var names = Array(market.symbols.keys).sorted()
        if let list = parameters["symbols"] {
            guard let parsed = try? JSONParser.parse(list).arrayValue?.compactMap(\.stringValue) else {
                return Self.refusal(-1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.")
            }
            guard parsed.allSatisfy({ market.symbols[$0] != nil }) else { return Self.refusal(-1121, "Invalid symbol.") }
            names = parsed
        }
        return (200, .object(["timezone": .string("UTC"), "serverTime": .int(serverNow), "symbols": .array(names.compactMap { market.symbols[$0] })]))
    }

    enum KlinesAnswer {
        /// The rows as Binance's compact JSON, joined from the candles' text written at load.
        case rows(String)
        case refused(Answer)
    }

    func klines(_ parameters: [String: String]) -> KlinesAnswer {
        guard let symbol = parameters["symbol"], let candles = market.klines[symbol] else { return .refused(Self.refusal(-1121, "Invalid symbol.")) }
        guard parameters["interval"] == "1d" else { return .refused(Self.refusal(-1120, "Invalid interval.")) }
        let limit = min(parameters["limit"].flatMap { Int($0) } ?? 500, 1000)
        let endTime = parameters["endTime"].flatMap { Int64($0) } ?? .max
        let rows = candles.filter { $0.openTime <= endTime }.suffix(limit).map(\.json)
        return .rows("[" + rows.joined(separator: ",") + "]")
    }

    private func account(_ key: Key?) -> Answer {
        var rows: [JSONValue] = balances.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map {
            .object(["asset": .string($0.key), "free": .string(Self.text($0.value)), "locked": .string("0.00000000")])
        }
        // Binance lists Simple Earn flexible holdings as `LD<asset>` balances too.
        rows += earn.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map {
            .object(["asset": .string("LD" + $0.key), "free": .string(Self.text($0.value + (mirrorDrift[$0.key] ?? 0))), "locked": .string("0.00000000")])
        }
        return (200, .object(["canTrade": .bool(key?.canTradeSpot ?? false), "canWithdraw": .bool(true), "canDeposit": .bool(true),
                              "accountType": .string("SPOT"), "permissions": .array([.string("SPOT")]), "balances": .array(rows),
                              "updateTime": .int(serverNow)]))
    }

    private func moveEarn(_ parameters: [String: String], key: Key?, subscribe: Bool) -> Answer {
        guard key?.canTradeSpot == true else { return Self.refusal(-2015, "Invalid API-key, IP, or permissions for action.", status: 401) }
        guard let product = parameters["productId"], product.hasSuffix("001"), product.count > 3 else { return Self.refusal(-6001, "Daily product not exists.") }
        guard let amount = parameters["amount"].flatMap(Self.decimal), amount > 0 else { return Self.refusal(-1102, "Mandatory parameter 'amount' was not sent, was empty/null, or malformed.") }
        if let last = lastEarnMoveAt, Date().timeIntervalSince(last) < 3 {
            earnFrequencyRefusals += 1
            return Self.refusal(-6009, "Request frequency too high.")
        }
        let asset = String(product.dropLast(3))
        let from = subscribe ? balances[asset, default: 0] : earn[asset, default: 0]
        guard from >= amount else { return Self.refusal(-6018, "Asset not enough") }
        lastEarnMoveAt = Date()
        if subscribe {
            balances[asset] = from - amount
            earn[asset, default: 0] += amount
            return (200, .object(["purchaseId": .int(Int64(requests.count)), "success": .bool(true)]))
        }
        earn[asset] = from - amount
        if redeemCreditDelaySeconds > 0 {
            pendingCredits.append((asset, amount, Date().addingTimeInterval(redeemCreditDelaySeconds)))
        } else {
            balances[asset, default: 0] += amount
        }
        return (200, .object(["redeemId": .int(Int64(requests.count)), "success": .bool(true)]))
    }

    static func refusal(_ code: Int, _ message: String, status: Int = 400) -> Answer {
        (status, .object(["code": .int(Int64(code)), "msg": .string(message)]))
    }

    static func text(_ value: Decimal) -> String {
        value.description
    }

    /// Plain decimal text only (no exponent, no comma), as Binance accepts.
    static func decimal(_ text: String) -> Decimal? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        return Decimal(string: text)
    }
}
