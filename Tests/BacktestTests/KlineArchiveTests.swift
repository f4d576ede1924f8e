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

    /// A row opening at 100 with `close`; its high and low (101.5 and 99.5) widen to hold a finite close.
    func line(_ openMs: Int64, close: String, microseconds: Bool = false) -> String {
        let scale: Int64 = microseconds ? 1000 : 1
        let value = Double(close).flatMap { $0.isFinite ? $0 : nil } ?? 100
        let high = max(101.5, value), low = min(99.5, value)
        return "\(openMs * scale),100.0,\(high),\(low),\(close),12.5,\((openMs + Self.hour) * scale - 1),1250,10,6,600,0"
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

    /// The archive's shape for one file: rows of 2024-12-31 (milliseconds), newline-terminated.
    func december(closes: [String]) -> Data {
        Data(closes.enumerated().map { line(1_735_603_200_000 + Int64($0.offset) * Self.hour, close: $0.element) }.joined(separator: "\n").utf8 + [0x0A])
    }

    func readError(_ directory: URL) -> String? {
        do {
            _ = try KlineArchive.read(directory: directory, fallbackListings: [:])
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// A stray open time (the year 5138) once made the default period 27 million cycles: a row
    /// more than a day outside its file's month is refused, naming the file and the line.
    @Test func aRowFarOutsideItsFilesMonthIsRefused() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let march = Int64(1_709_251_200_000)  // 2024-03-01T00:00:00Z
        let stray = "99999999999999,100.0,101.5,99.5,100,12.5,99999999999999,1250,10,6,600,0"
        try Data((line(march, close: "100") + "\n" + stray + "\n").utf8).write(to: directory.appendingPathComponent("BTCUSDT-1h-2024-03.csv"))
        let error = try #require(readError(directory), "a row in the year 5138 is read")
        #expect(error.contains("BTCUSDT-1h-2024-03.csv") && error.contains("line 2") && error.contains("far outside the file's month 2024-03")
                && error.contains("5138"), "\(error)")
    }

    /// Within a day of the month a row is read (and merged with its neighbours); a month the
    /// calendar does not have is refused by name.
    @Test func aRowNearItsMonthIsReadAndAMonthThatDoesNotExistIsRefused() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let april = Int64(1_711_929_600_000)  // 2024-04-01T00:00:00Z, in the March file
        try Data((line(april - Self.hour, close: "100") + "\n" + line(april, close: "101") + "\n").utf8)
            .write(to: directory.appendingPathComponent("BTCUSDT-1h-2024-03.csv"))
        #expect(try KlineArchive.read(directory: directory, fallbackListings: [:]).histories["BTCUSDT"]?.hours.count == 2)
        try Data((line(april, close: "100") + "\n").utf8).write(to: directory.appendingPathComponent("BTCUSDT-1h-2024-13.csv"))
        let error = try #require(readError(directory))
        #expect(error.contains("BTCUSDT-1h-2024-13.csv") && error.contains("calendar month"), "\(error)")
    }

    @Test(arguments: [("104", "close lies outside [low, high]"), ("99", "close lies outside [low, high]")])
    func aCloseOutsideTheRowsRangeIsRefused(close: String, problem: String) throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outside = "1735610400000,100.0,101.5,99.5,\(close),12.5,1735613999999,1250,10,6,600,0"
        try Data((String(decoding: december(closes: ["100", "100.5"]), as: UTF8.self) + outside + "\n").utf8)
            .write(to: directory.appendingPathComponent("BTCUSDT-1h-2024-12.csv"))
        let error = try #require(readError(directory), "a close of \(close) outside [99.5, 101.5] is read")
        #expect(error.contains("BTCUSDT-1h-2024-12.csv") && error.contains("line 3") && error.contains(problem), "\(error)")
    }

    @Test func anOpenOutsideTheRowsRangeIsRefused() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let row = "1735603200000,150.0,101.5,99.5,100,12.5,1735606799999,1250,10,6,600,0"
        try Data((row + "\n").utf8).write(to: directory.appendingPathComponent("BTCUSDT-1h-2024-12.csv"))
        let error = try #require(readError(directory))
        #expect(error.contains("BTCUSDT-1h-2024-12.csv") && error.contains("line 1") && error.contains("open lies outside [low, high]"), "\(error)")
    }

    /// nan and inf are named for what they are, with the column, file and line.
    @Test(arguments: ["nan", "NaN", "inf", "-Infinity", "1e999"])
    func aNonFiniteValueIsNamedAsSuch(value: String) throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        try december(closes: ["100", value]).write(to: directory.appendingPathComponent("BTCUSDT-1h-2024-12.csv"))
        let error = try #require(readError(directory))
        #expect(error.contains("BTCUSDT-1h-2024-12.csv") && error.contains("line 2") && error.contains("close is not a finite number"), "\(error)")
        #expect(!error.contains("malformed") && !error.contains("unreachable"), "\(error)")
    }

    /// A zip whose csv is stored (not compressed), so a changed byte still unzips: only the CRC-32 can tell.
    func storedZip(_ csv: Data, at url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        try archive.addEntry(with: "BTCUSDT-1h-2024-12.csv", type: .file, uncompressedSize: Int64(csv.count), compressionMethod: .none) { position, size in
            csv.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    @Test func aZipEntryWhoseCRCDiffersIsRefused() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("BTCUSDT-1h-2024-12.zip")
        try storedZip(december(closes: ["100", "100.25"]), at: zip)
        #expect(readError(directory) == nil, "the intact zip is read")
        // One digit of a close changed on disk (100.25 → 100.75): still a valid row.
        var bytes = try Data(contentsOf: zip)
        let range = try #require(bytes.range(of: Data("100.25".utf8)))
        bytes.replaceSubrange(range, with: Data("100.75".utf8))
        try bytes.write(to: zip)
        let error = try #require(readError(directory), "a corrupt zip entry is read")
        #expect(error.contains(zip.path) && error.contains("CRC-32") && error.contains("corrupt") && error.contains("download the file again"), "\(error)")
    }

    /// Binance's archive ships `X.zip.CHECKSUM` (`<sha256>  X.zip`); when present it is checked.
    @Test func aChecksumFileBesideAZipIsVerified() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("BTCUSDT-1h-2024-12.zip")
        try storedZip(december(closes: ["100", "100.25"]), at: zip)
        let checksum = directory.appendingPathComponent("BTCUSDT-1h-2024-12.zip.CHECKSUM")
        let digest = SHA256.digest(Array(try Data(contentsOf: zip))).map { String(format: "%02x", $0) }.joined()
        try Data("\(digest)  BTCUSDT-1h-2024-12.zip\n".utf8).write(to: checksum)
        #expect(readError(directory) == nil, "the zip matches its checksum")

        let other = String(digest.reversed())
        try Data("\(other)  BTCUSDT-1h-2024-12.zip\n".utf8).write(to: checksum)
        let mismatch = try #require(readError(directory), "a zip that does not match its .CHECKSUM is read")
        #expect(mismatch.contains(zip.path) && mismatch.contains("sha256") && mismatch.contains(other) && mismatch.contains(".CHECKSUM"), "\(mismatch)")

        try Data("\(digest)  ETHUSDT-1h-2024-12.zip\n".utf8).write(to: checksum)
        let wrongFile = try #require(readError(directory), "the checksum of another file is accepted")
        #expect(wrongFile.contains(checksum.path) && wrongFile.contains("ETHUSDT-1h-2024-12.zip"), "\(wrongFile)")

        try Data("not a digest\n".utf8).write(to: checksum)
        let unreadable = try #require(readError(directory), "a checksum file without a digest is accepted")
        #expect(unreadable.contains(checksum.path) && unreadable.contains("sha256"), "\(unreadable)")
    }
}
