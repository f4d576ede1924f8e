import Binance
import BinanceWireFormat
import Engine
import Firestore
import Foundation
import Replay
import Strategy

/// The parsers that take bytes from outside, one per fuzz target. Each consumes any input
/// without trapping; where a parse has a round trip (state, Firestore values) the harness also
/// checks that what is written reads back as the same thing, and traps if not: for the fuzzer
/// a broken round trip is a crash like any other.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// An upstream live-pool artifact (Firestore document, local file, fixture).
    case artifact
    /// A stored state document (SQLite text, Firestore document, `state import`).
    case state
    /// A replay fixture: the account snapshot and the market snapshot.
    case fixture
    /// Binance answers: klines, exchange info, account, an order with its fills; and the public
    /// kline archive's csv.
    case binance
    /// A Firestore document's typed `fields`.
    case firestore

    public func consume(_ data: Data) {
        switch self {
        case .artifact: Self.artifact(data)
        case .state: Self.state(data)
        case .fixture: Self.fixture(data)
        case .binance: Self.binance(data)
        case .firestore: Self.firestore(data)
        }
    }

    static let today = CalendarDay(Date(timeIntervalSince1970: 1_773_532_800))
    static let universe = ["ETHUSDT", "SOLUSDT", "XRPUSDT", "LINKUSDT", "AVAXUSDT"]

    private static func artifact(_ data: Data) {
        guard let value = try? JSONParser.parse(data) else { return }
        let validator = PoolValidator(contract: PoolContract(config: .defaults), messages: MessageCatalog(language: .en))
        let validation = validator.validate(value, today: today, enforceFreshness: true)
        // The normalized payload is kept as the last known good: it must validate again as itself.
        if validation.errors.isEmpty {
            let again = validator.validate(.object(validation.payload.document), today: today, enforceFreshness: true)
            require(again.payload == validation.payload, "a normalized payload reads back as itself")
        }
    }

    private static func state(_ data: Data) {
        guard let value = try? JSONParser.parse(data), let state = try? TradeState.normalized(from: value, universe: universe) else { return }
        let written = JSONWriter.string(state.document, pretty: false, keys: .asStored)
        let reread = try? JSONParser.parse(Data(written.utf8))
        require(reread == state.document, "a written state document parses back to the same JSON")
        let again = try? TradeState.normalized(from: reread, universe: universe)
        require(again?.document == state.document, "a written state document loads back to the same state")
    }

    private static func fixture(_ data: Data) {
        guard let value = try? JSONParser.parse(data) else { return }
        _ = MarketSnapshotParser.btc(value["btc_snapshot"])
        _ = MarketSnapshotParser.indicators(value["trend_indicators"])
        let exchange = ReplayExchange(account: value, klinesDirectory: nil, now: Date(timeIntervalSince1970: 1_773_532_800))
        blocking {
            _ = try? await exchange.spotBalances()
            _ = try? await exchange.averagePrices(symbols: universe + ["BTCUSDT", "BNBUSDT"])
            _ = try? await exchange.symbolRules(symbols: value["symbol_info"]?.objectValue.map { Array($0.keys) } ?? [])
        }
    }

    private static func binance(_ data: Data) {
        _ = try? BinanceWire.klines(from: data, what: "klines")
        // The public kline archive's csv (`cycle backtest --data`).
        if let rows = try? BinanceWire.archiveKlines(csv: data) {
            require(rows.allSatisfy { $0.openTime >= 0 && $0.openTime < BinanceWire.archiveMicrosecondThreshold && $0.high >= $0.low
                        && ($0.low...$0.high).contains($0.open) && ($0.low...$0.high).contains($0.close) && $0.volume.isFinite },
                    "archive rows are whole millisecond times with low ≤ open, close ≤ high and a finite volume")
        }
        if let info = try? BinanceWire.decode(BinanceWire.ExchangeInfo.self, from: data, what: "exchangeInfo") {
            for symbol in info.symbols { _ = try? BinanceListing(symbol) }
        }
        if let account = try? BinanceWire.decode(BinanceWire.Account.self, from: data, what: "account") {
            for balance in account.balances {
                _ = try? BinanceWire.double(balance.free, field: "free")
                _ = try? BinanceWire.double(balance.locked, field: "locked")
            }
        }
        if let order = try? BinanceWire.decode(BinanceWire.Order.self, from: data, what: "order") {
            _ = try? BinanceExchange.fill(order, baseAsset: "ETH", commissions: order.fills ?? [])
        }
    }

    private static func firestore(_ data: Data) {
        guard let value = try? JSONParser.parse(data), let fields = try? FirestoreValue.decode(fields: value["fields"] ?? value) else { return }
        // What the engine writes back must decode to what it read (unknown kinds kept verbatim).
        let encoded = FirestoreValue.fields(fields)
        let decoded = try? FirestoreValue.decode(fields: encoded)
        require(decoded.map(JSONValue.object) == .object(fields), "Firestore fields round-trip")
    }

    /// A broken invariant: stop here so the fuzzer records the input.
    private static func require(_ condition: Bool, _ invariant: StaticString) {
        if !condition { fatalError("fuzz invariant broken: \(invariant)") }
    }

    /// Runs async adapter code to completion from the fuzzer's synchronous callback.
    private static func blocking(_ body: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await body()
            done.signal()
        }
        done.wait()
    }
}
