#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

/// One field read as a number: its value, or why it has none.
enum CSVNumber<Value> {
    case value(Value)
    /// The line ended before this field.
    case absent
    /// Empty, or not entirely a number of the kind asked for.
    case malformed
    /// `nan`, `inf`, `infinity` (any case, any sign), or a decimal beyond `Double`'s range.
    case notFinite
}

/// The comma-separated fields of one line, read in order as numbers.
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
    mutating func nextInteger() -> CSVNumber<Int64> {
        guard let range = nextField() else { return .absent }
        guard !range.isEmpty, range.count <= 18 else { return .malformed }
        var value: Int64 = 0
        for index in range {
            let digit = line[index] &- 0x30
            guard digit <= 9 else { return .malformed }
            value = value * 10 + Int64(digit)
        }
        return .value(value)
    }

    /// A decimal number as C's `strtod` reads it (correctly rounded), from a copy with a terminator.
    mutating func nextDouble() -> CSVNumber<Double> {
        guard let range = nextField() else { return .absent }
        guard !range.isEmpty, range.count < 64 else { return .malformed }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> CSVNumber<Double> in
            guard let base = buffer.baseAddress else { return .malformed }
            for (offset, index) in range.enumerated() {
                let byte = line[index]
                // Digits, sign, point, exponent: nothing strtod would read as hex, inf or nan.
                guard (0x30...0x39).contains(byte) || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x65 || byte == 0x45 else {
                    return spellsNonFinite(range) ? .notFinite : .malformed
                }
                base[offset] = CChar(bitPattern: byte)
            }
            base[range.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &end)
            guard let end, end == base + range.count else { return .malformed }
            // A decimal such as 1e999 overflows to infinity.
            return value.isFinite ? .value(value) : .notFinite
        }
    }

    /// Whether the field is `nan`, `inf` or `infinity` in any case, after an optional sign.
    private func spellsNonFinite(_ range: Range<Int>) -> Bool {
        var start = range.lowerBound
        if start < range.upperBound, line[start] == 0x2B || line[start] == 0x2D { start += 1 }
        let word = String(decoding: line[start..<range.upperBound], as: UTF8.self).lowercased()
        return word == "nan" || word == "inf" || word == "infinity"
    }
}
