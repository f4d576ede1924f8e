#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Strategy

extension BinanceWire {
    /// A kline archive csv (data.binance.vision) has a row that cannot be read; `line` is 1-based.
    public struct ArchiveRowError: Error, Equatable {
        public let line: Int
        public init(line: Int) { self.line = line }
    }

    /// Open times above this are microseconds (ms reach it only in the year 5138).
    public static let archiveMicrosecondThreshold: Int64 = 100_000_000_000_000

    /// The rows of a kline archive csv: open time, open, high, low, close, volume, then fields not
    /// used; lines end in `\n` or `\r\n`; a first line that starts with a letter is a header;
    /// open times in microseconds (the archive from 2025) become milliseconds. A row without a
    /// whole open time (before the year 5138), positive prices with high ≥ low, and a volume ≥ 0
    /// is refused by line.
    public static func archiveKlines(csv data: Data) throws -> [Kline] {
        var rows: [Kline] = []
        rows.reserveCapacity(data.count / 100)
        var failure: Int?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var reader = CSVLineReader(bytes: bytes)
            var number = 0
            while let line = reader.nextLine() {
                number += 1
                if line.isEmpty { continue }
                if number == 1, let first = line.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A { continue }
                guard let kline = archiveKline(line) else {
                    failure = number
                    return
                }
                rows.append(kline)
            }
        }
        if let failure { throw ArchiveRowError(line: failure) }
        return rows
    }

    private static func archiveKline(_ line: UnsafeRawBufferPointer.SubSequence) -> Kline? {
        var fields = CSVFields(line)
        guard var openTime = fields.nextInteger(),
              let open = fields.nextDouble(), let high = fields.nextDouble(), let low = fields.nextDouble(),
              let close = fields.nextDouble(), let volume = fields.nextDouble(),
              open > 0, high > 0, low > 0, close > 0, volume >= 0, high >= low
        else { return nil }
        if openTime >= archiveMicrosecondThreshold { openTime /= 1000 }
        // Still above it after the microsecond rule: a time after the year 5138 is not an archive row.
        guard openTime < archiveMicrosecondThreshold else { return nil }
        return Kline(openTime: openTime, open: open, high: high, low: low, close: close, volume: volume)
    }
}

/// Lines of a byte buffer, without their `\n` or `\r\n`.
struct CSVLineReader {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func nextLine() -> UnsafeRawBufferPointer.SubSequence? {
        guard position < bytes.count else { return nil }
        let start = position
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        position = end + 1
        var lineEnd = end
        if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        return bytes[start..<lineEnd]
    }
}

/// The comma-separated fields of one line, read in order as numbers. A field that is not
/// entirely a number (or is not finite) reads as nil.
struct CSVFields {
    private let line: UnsafeRawBufferPointer.SubSequence
    private var position: Int

    init(_ line: UnsafeRawBufferPointer.SubSequence) {
        self.line = line
        self.position = line.startIndex
    }

    private mutating func nextField() -> Range<Int>? {
        guard position <= line.endIndex else { return nil }
        let start = position
        var end = start
        while end < line.endIndex, line[end] != 0x2C { end += 1 }
        position = end + 1
        return start..<end
    }

    /// Decimal digits only (at most 18, so it never overflows).
    mutating func nextInteger() -> Int64? {
        guard let range = nextField(), !range.isEmpty, range.count <= 18 else { return nil }
        var value: Int64 = 0
        for index in range {
            let digit = line[index] &- 0x30
            guard digit <= 9 else { return nil }
            value = value * 10 + Int64(digit)
        }
        return value
    }

    /// A decimal number as C's `strtod` reads it (correctly rounded), from a copy with a terminator.
    mutating func nextDouble() -> Double? {
        guard let range = nextField(), !range.isEmpty, range.count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            for (offset, index) in range.enumerated() {
                let byte = line[index]
                // Digits, sign, point, exponent: nothing strtod would read as hex, inf or nan.
                guard (0x30...0x39).contains(byte) || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x65 || byte == 0x45 else { return nil }
                base[offset] = CChar(bitPattern: byte)
            }
            base[range.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &end)
            guard let end, end == base + range.count, value.isFinite else { return nil }
            return value
        }
    }
}
