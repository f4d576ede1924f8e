import Backtest
import Engine
import Foundation
import Paper
import Testing
import ZIPFoundation

/// `--data DIR`: Binance's public archive layout, csv and zip, milliseconds and microseconds.
@Suite struct KlineArchiveTests {
    static let hour: Int64 = 3_600_000

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func line(_ openMs: Int64, close: String, microseconds: Bool = false) -> String {
        let scale: Int64 = microseconds ? 1000 : 1
        return "\(openMs * scale),100.0,101.5,99.5,\(close),12.5,\((openMs + Self.hour) * scale - 1),1250,10,6,600,0"
    }

    @Test func readsCsvAndZipInMillisecondsAndMicroseconds() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let december = Int64(1_735_603_200_000)  // 2024-12-31T00:00:00Z
        let january = december + 24 * Self.hour   // 2025-01-01: the archive writes microseconds from here
        let decemberCSV = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n"
            + (0..<24).map { line(december + Int64($0) * Self.hour, close: "\(100 + $0)") }.joined(separator: "\n") + "\n"
        try Data(decemberCSV.utf8).write(to: directory.appendingPathComponent("BTCUSDT-1h-2024-12.csv"))
        let januaryCSV = (0..<3).map { line(january + Int64($0) * Self.hour, close: "\(200 + $0).5", microseconds: true) }.joined(separator: "\r\n")
        let archive = try Archive(url: directory.appendingPathComponent("BTCUSDT-1h-2025-01.zip"), accessMode: .create)
        let bytes = Data(januaryCSV.utf8)
        try archive.addEntry(with: "BTCUSDT-1h-2025-01.csv", type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
            bytes.subdata(in: Int(position)..<Int(position) + size)
        }
        try Data("not a kline file".utf8).write(to: directory.appendingPathComponent("README.txt"))

        let market = try KlineArchive.read(directory: directory, fallbackListings: [:])
        let btc = try #require(market.histories["BTCUSDT"])
        #expect(btc.hours.count == 27 && btc.days.count == 2, "\(btc.hours.openTime) \(btc.days.close)")
        #expect(btc.hours.openTime[24] == january, "microseconds read as milliseconds")
        #expect(btc.days.close == [123, 202.5] && btc.days.open == [100, 100])
        #expect(btc.days.volume[0] == 12.5 * 24)
        // At 2025-01-01 01:59:59 the day so far is two hours: close 201.5, volume 25.
        let view = try #require(market.view(symbol: "BTCUSDT", now: Date(timeIntervalSince1970: TimeInterval(january / 1000 + 7_199))))
        #expect(view.close == 201.5 && view.volume == 25 && view.day == 1)
        #expect(market.isHourly)
    }

    @Test func aMalformedRowNamesTheFileAndLine() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data((line(1_735_603_200_000, close: "100") + "\n" + line(1_735_606_800_000, close: "-3") + "\n").utf8)
            .write(to: directory.appendingPathComponent("BTCUSDT-1h-2024-12.csv"))
        #expect {
            _ = try KlineArchive.read(directory: directory, fallbackListings: [:])
        } throws: { error in
            "\(error)".contains("BTCUSDT-1h-2024-12.csv") && "\(error)".contains("line 2")
        }
    }

    @Test func aFolderWithoutBitcoinIsRefused() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data((line(1_735_603_200_000, close: "100") + "\n").utf8).write(to: directory.appendingPathComponent("ETHUSDT-1d-2024-12.csv"))
        #expect { _ = try KlineArchive.read(directory: directory, fallbackListings: [:]) } throws: { "\($0)".contains("no BTCUSDT") }
    }

    @Test func fileNamesFollowTheArchive() {
        #expect(KlineArchive.FileName("BTCUSDT-1h-2024-03.zip") == KlineArchive.FileName("BTCUSDT-1h-2024-03.zip"))
        #expect(KlineArchive.FileName("BTCUSDT-1h-2024-03.csv")?.month == "2024-03")
        #expect(KlineArchive.FileName("BTCUSDT-1d-2024-03.csv")?.interval == "1d")
        for name in ["BTCUSDT-5m-2024-03.csv", "btcusdt-1h-2024-03.csv", "BTCUSDT-1h-2024-3.csv", "BTCUSDT-1h-2024-03.csv.CHECKSUM", "exchange_info.json"] {
            #expect(KlineArchive.FileName(name) == nil, "\(name)")
        }
    }
}
