import Engine
import FlyingFox
import Foundation
import Signing

/// How the fake answers one request: bookkeeping, faults, authentication, then the route.
extension FakeBinance {
    /// Weights of the routes, as Binance documents them.
    static let weights: [String: Int] = [
        "GET /api/v3/ping": 1, "GET /api/v3/time": 1, "GET /api/v3/exchangeInfo": 20, "GET /api/v3/avgPrice": 2,
        "GET /api/v3/klines": 2, "GET /api/v3/account": 20, "POST /api/v3/order": 1, "GET /api/v3/order": 4, "GET /api/v3/allOrders": 20,
        "GET /api/v3/myTrades": 5, "GET /sapi/v1/simple-earn/flexible/list": 150, "GET /sapi/v1/simple-earn/flexible/position": 150,
        "POST /sapi/v1/simple-earn/flexible/subscribe": 1, "POST /sapi/v1/simple-earn/flexible/redeem": 1,
        "GET /sapi/v1/account/apiRestrictions": 1,
    ]
    static let signedRoutes: Set<String> = [
        "GET /api/v3/account", "POST /api/v3/order", "GET /api/v3/order", "GET /api/v3/allOrders", "GET /api/v3/myTrades",
        "GET /sapi/v1/simple-earn/flexible/list", "GET /sapi/v1/simple-earn/flexible/position",
        "POST /sapi/v1/simple-earn/flexible/subscribe", "POST /sapi/v1/simple-earn/flexible/redeem",
        "GET /sapi/v1/account/apiRestrictions",
    ]

    func answer(_ http: HTTPRequest) async -> HTTPResponse {
        let rawQuery = http.target.query(percentEncoded: true)
        let body = String(decoding: (try? await http.bodyData) ?? Data(), as: UTF8.self)
        let request = Request(method: http.method.rawValue, path: http.path, query: rawQuery,
                              apiKey: http.headers[HTTPHeader("X-MBX-APIKEY")], receivedAt: Date())
        requests.append(request)
        inFlight += 1
        peakInFlight = max(peakInFlight, inFlight)
        defer { inFlight -= 1 }
        if latencySeconds > 0 { try? await Task.sleep(nanoseconds: UInt64(latencySeconds * 1e9)) }

        let route = request.route
        creditDueRedemptions()
        chargeWeight(route)
        if !route.contains("/sapi/"), weightUsed > weightLimit {
            weightRefusals += 1
            let untilNextWindow = Int((weightWindowMilliseconds - serverNow % weightWindowMilliseconds + 999) / 1000)
            return respond(429, error: -1003, "Too much request weight used; current limit is \(weightLimit) request weight per 1 MINUTE.", retryAfter: untilNextWindow)
        }
        let fault = takeFault(for: route)
        switch fault {
        case .status(let status, let code, let message, let retryAfter)?:
            return respond(status, error: code, message, retryAfter: retryAfter)
        case .timestampOutsideRecvWindow?:
            return respond(400, error: -1021, "Timestamp for this request is outside of the recvWindow.")
        case .delay(let seconds)?:
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        case .malformedJSON?:
            return respond(200, raw: "<html>upstream hiccup")
        case .redirect(let status, let origin)?:
            var response = respond(status, raw: "")
            var location = origin.absoluteString
            if location.hasSuffix("/") { location.removeLast() }
            response.headers[HTTPHeader("Location")] = location + http.path + (rawQuery.isEmpty ? "" : "?" + rawQuery)
            return response
        default:
            break
        }

        let totalParams = [rawQuery, body].filter { !$0.isEmpty }.joined(separator: "&")
        let parameters = Self.parameters(totalParams)
        var key: Key?
        if Self.signedRoutes.contains(route) {
            switch authenticate(request, totalParams: totalParams, parameters: parameters) {
            case .success(let accepted): key = accepted
            case .failure(let refusal): return respond(refusal.status, error: refusal.code, refusal.message)
            }
        }
        if route == "GET /api/v3/klines" {
            switch klines(parameters) {
            case .rows(let text): return respond(200, raw: text)
            case .refused(let refusal): return respond(refusal.0, json: refusal.1)
            }
        }
        let (status, answer) = dispatch(route, parameters, key: key, fault: fault)
        switch fault {
        case .executeThenFail?:
            return respond(503, raw: "")
        case .executeThenDelay(let seconds)?:
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        default:
            break
        }
        return respond(status, json: answer)
    }

    /// Redeemed funds whose time has come reach spot.
    private func creditDueRedemptions() {
        let now = Date()
        for credit in pendingCredits where credit.due <= now { balances[credit.asset, default: 0] += credit.amount }
        pendingCredits.removeAll { $0.due <= now }
    }

    private func chargeWeight(_ route: String) {
        let minute = serverNow / weightWindowMilliseconds
        if minute != weightMinute { weightMinute = minute; weightUsed = 0 }
        if !route.contains("/sapi/") { weightUsed += Self.weights[route] ?? 1 }
        peakWeightInWindow = max(peakWeightInWindow, weightUsed)
        weightByRoute[route, default: 0] += Self.weights[route] ?? 1
    }

    private func takeFault(for route: String) -> FakeBinanceFault? {
        guard let index = faults.firstIndex(where: { $0.route == nil || $0.route == route }) else { return nil }
        let fault = faults[index].fault
        faults[index].remaining -= 1
        if faults[index].remaining <= 0 { faults.remove(at: index) }
        return fault
    }

    struct Refusal: Error { let status: Int; let code: Int; let message: String }

    /// API key, timestamp within recvWindow, then the signature over the exact query (+ body).
    private func authenticate(_ request: Request, totalParams: String, parameters: [String: String]) -> Result<Key, Refusal> {
        guard let apiKey = request.apiKey, let key = keys[apiKey] else {
            return .failure(Refusal(status: 401, code: -2015, message: "Invalid API-key, IP, or permissions for action."))
        }
        guard let timestamp = parameters["timestamp"].flatMap({ Int64($0) }) else {
            return .failure(Refusal(status: 400, code: -1102, message: "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed."))
        }
        let recvWindow = parameters["recvWindow"].flatMap { Int64($0) } ?? 5000
        guard recvWindow <= 60_000 else { return .failure(Refusal(status: 400, code: -1131, message: "recvWindow must be less than 60000")) }
        let now = serverNow
        guard timestamp < now + 1000, now - timestamp <= recvWindow else {
            return .failure(Refusal(status: 400, code: -1021, message: "Timestamp for this request is outside of the recvWindow."))
        }
        let items = totalParams.split(separator: "&", omittingEmptySubsequences: false)
        guard let signatureItem = items.last(where: { $0.hasPrefix("signature=") }) else {
            return .failure(Refusal(status: 400, code: -1102, message: "Mandatory parameter 'signature' was not sent, was empty/null, or malformed."))
        }
        let payload = items.filter { !$0.hasPrefix("signature=") }.joined(separator: "&")
        let signature = Self.percentDecode(String(signatureItem.dropFirst("signature=".count)))
        let valid: Bool
        switch key.verification {
        case .hmac(let secret):
            valid = (try? ByteText.hex(HMACSHA256.authenticate(payload, key: secret))) == signature.lowercased()
        case .publicKey(let publicKey):
            valid = Data(base64Encoded: signature).map { publicKey.verify(signature: Array($0), message: Array(payload.utf8)) } ?? false
        }
        guard valid else { return .failure(Refusal(status: 400, code: -1022, message: "Signature for this request is not valid.")) }
        return .success(key)
    }

    func respond(_ status: Int, error code: Int, _ message: String, retryAfter: Int? = nil) -> HTTPResponse {
        var response = respond(status, json: .object(["code": .int(Int64(code)), "msg": .string(message)]))
        if let retryAfter { response.headers[HTTPHeader("Retry-After")] = String(retryAfter) }
        return response
    }

    func respond(_ status: Int, json: JSONValue) -> HTTPResponse {
        respond(status, raw: JSONWriter.string(json))
    }

    func respond(_ status: Int, raw: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[HTTPHeader("Content-Type")] = "application/json;charset=UTF-8"
        headers[HTTPHeader("X-MBX-USED-WEIGHT-1M")] = String(weightUsed)
        return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Status \(status)"), headers: headers, body: Data(raw.utf8))
    }

    static func parameters(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for item in query.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecode(String(parts[0]))
            if result[name] == nil { result[name] = parts.count > 1 ? percentDecode(String(parts[1])) : "" }
        }
        return result
    }

    static func percentDecode(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
    }
}
