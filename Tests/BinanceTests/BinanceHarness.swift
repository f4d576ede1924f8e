import Binance
import Foundation
import Signing
import TestSupport

/// A fake Binance and a client signed with its test key; waits are recorded, not slept,
/// unless `realWaits` is set.
struct BinanceHarness {
    let fake: FakeBinance
    let client: BinanceClient
    let waits: WaitRecorder
    var exchange: BinanceExchange { BinanceExchange(client: client) }

    static func start(balances: [String: Decimal] = ["USDT": 10_000, "BNB": Decimal(string: "0.1")!],
                      keys: [FakeBinance.Key]? = nil, signer: RequestSigner = .hmac(secret: FakeBinance.testSecret),
                      apiKey: String = FakeBinance.testAPIKey, realWaits: Bool = false,
                      configure: (inout BinanceClientConfiguration) -> Void = { _ in }) async throws -> BinanceHarness {
        let fake = try await FakeBinance.launch(balances: balances, keys: keys ?? [FakeBinance.Key(apiKey: FakeBinance.testAPIKey, verification: .hmac(secret: FakeBinance.testSecret))])
        var configuration = BinanceClientConfiguration(baseURL: await fake.baseURL, apiKey: apiKey, signer: signer,
                                                       // Long enough that a loaded CI machine never times out a normal answer;
                                                       // the timeout tests set their own.
                                                       timeoutSeconds: 10, orderLookupDelays: [0.01, 0.01, 0.01])
        configure(&configuration)
        let waits = WaitRecorder()
        let client = BinanceClient(configuration: configuration) { seconds in
            await waits.record(seconds)
            if realWaits { try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9)) }
        }
        return BinanceHarness(fake: fake, client: client, waits: waits)
    }
}

actor WaitRecorder {
    private(set) var seconds: [Double] = []
    func record(_ value: Double) { seconds.append(value) }
}
