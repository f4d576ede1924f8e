import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport
import WebClient

/// Issue 21 #4: a redirect is never followed, whatever its status and method, so the API key,
/// a bearer token or a signed order never reaches the origin it names.
@Suite struct RedirectRefusalTests {
    @Test(arguments: [(301, "GET"), (302, "POST"), (303, "POST"), (307, "GET"), (307, "POST"), (308, "DELETE")])
    func aRedirectToAnotherOriginFailsTheRequestAndTheOtherOriginSeesNothing(status: Int, method: String) async throws {
        let elsewhere = try await RedirectingPeer.launch(redirectingTo: nil)
        let peer = try await RedirectingPeer.launch(redirectingTo: await elsewhere.baseURL, status: status)
        let audit = CallAudit()
        let transport = HTTPTransport(timeoutSeconds: 10, peer: "binance", audit: audit)
        var request = URLRequest(url: await peer.baseURL.appendingPathComponent("api/v3/order"), timeoutInterval: 10)
        request.url = URL(string: request.url!.absoluteString + "?symbol=BTCUSDT&signature=secret-signature")
        request.httpMethod = method
        request.setValue("the-api-key", forHTTPHeaderField: "X-MBX-APIKEY")
        if method != "GET" { request.httpBody = Data("quantity=1".utf8) }

        // Unchanged code followed the redirect and answered the other origin's 200.
        let failure = try await #require(throws: HTTPTransport.Failure.self) { try await transport.send(request) }
        #expect(failure.redirectStatus == status)
        let text = "\(failure)"
        #expect(text.contains("redirected (HTTP \(status) to host 127.0.0.1)"), "the status and the Location's host are named: \(text)")
        #expect(!text.contains("signature") && !text.contains("the-api-key") && !text.contains("/api/v3/order"), "no URL, key or query: \(text)")
        #expect(await peer.requests.count == 1, "the request itself was sent once")
        #expect(await elsewhere.requests.isEmpty, "nothing reached the origin the Location names")
        let records = await audit.drain()
        #expect(records.map(\.status) == [status])
        #expect(records.first?.outcome == .error)
        await peer.stop()
        await elsewhere.stop()
    }

    @Test func anOrdinaryAnswerStillComesBack() async throws {
        let peer = try await RedirectingPeer.launch(redirectingTo: nil)
        let transport = HTTPTransport(timeoutSeconds: 10, audit: nil)
        let response = try await transport.send(URLRequest(url: await peer.baseURL.appendingPathComponent("ping"), timeoutInterval: 10))
        #expect(response.status == 200)
        #expect(await peer.requests.map(\.route) == ["GET /ping"])
        await peer.stop()
    }
}

extension HTTPTransport.Failure {
    /// The status of a refused redirect, nil for any other failure.
    var redirectStatus: Int? {
        if case .redirected(let status, _) = self { return status }
        return nil
    }
}
