import Foundation

/// A finite Decimal whose significand fits in 64 bits, read as sign, significand and exponent
/// (value = ±significand × 10^exponent) without any decimal arithmetic. Foundation's `Decimal`
/// keeps its significand as eight little-endian 16-bit words after a 4-byte header; the layout
/// is probed once (`layoutIsTheOneMeasured`), and with any other layout no decimal is read
/// (every caller then takes Foundation's own arithmetic).
struct SmallDecimal {
    let isNegative: Bool
    let significand: UInt64
    let exponent: Int

    init?(_ value: Decimal) {
        guard Self.layoutIsTheOneMeasured, !value.isNaN, let significand = Self.significand(of: value) else { return nil }
        self.isNegative = value.sign == .minus && significand != 0
        self.significand = significand
        self.exponent = value.exponent
    }

    /// Two decimals as whole multiples of 10^exponent, the smaller of their exponents; nil when
    /// either would not fit in 64 bits.
    struct Aligned {
        let left: UInt64
        let right: UInt64
        let exponent: Int
    }

    static func aligned(_ left: SmallDecimal, _ right: SmallDecimal) -> Aligned? {
        let exponent = min(left.exponent, right.exponent)
        guard let scaledLeft = scaled(left.significand, by: left.exponent - exponent),
              let scaledRight = scaled(right.significand, by: right.exponent - exponent) else { return nil }
        return Aligned(left: scaledLeft, right: scaledRight, exponent: exponent)
    }

    /// `value × 10^power` (`power` ≥ 0), nil on overflow.
    private static func scaled(_ value: UInt64, by power: Int) -> UInt64? {
        guard value != 0 else { return 0 }
        guard power <= 19 else { return nil }
        var result = value
        for _ in 0..<power {
            let (product, overflow) = result.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            result = product
        }
        return result
    }

    private static func significand(of value: Decimal) -> UInt64? {
        withUnsafeBytes(of: value) { bytes -> UInt64? in
            for word in 4..<8 where bytes.loadUnaligned(fromByteOffset: 4 + 2 * word, as: UInt16.self) != 0 {
                return nil
            }
            var low: UInt64 = 0
            for word in 0..<4 {
                low |= UInt64(bytes.loadUnaligned(fromByteOffset: 4 + 2 * word, as: UInt16.self)) << (16 * word)
            }
            return low
        }
    }

    /// True when Decimal's storage is 20 bytes with the significand where this type reads it:
    /// probed on values whose words are known.
    private static let layoutIsTheOneMeasured: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let probes: [(Decimal, UInt64)] = [
            (Decimal(sign: .plus, exponent: -5, significand: 12_345_678), 12_345_678),
            (Decimal(sign: .minus, exponent: 3, significand: 0x0001_0002_0003_0005), 0x0001_0002_0003_0005),
        ]
        return probes.allSatisfy { decimal, significand in
            Self.significand(of: decimal) == significand
        }
    }()
}
