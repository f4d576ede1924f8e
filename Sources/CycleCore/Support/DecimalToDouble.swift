import Foundation

/// The Double nearest a Decimal, without spelling the decimal as text where the answer is known
/// to be the same: a significand of at most 2^53 is exact in a Double, and so is 10^k for
/// k ≤ 22, so one IEEE multiplication or division rounds the exact value once, to nearest, as
/// reading its text does. Any other decimal (a longer significand, a larger exponent, NaN) goes
/// through its text. `DecimalToDoubleTests` compares both routes on random and edge values.
enum DecimalToDouble {
    /// The nearest Double, or nil when only the text route can say.
    static func exactFastPath(_ value: Decimal) -> Double? {
        guard layoutIsTheOneMeasured, !value.isNaN else { return nil }
        let exponent = value.exponent
        guard exponent >= -22, exponent <= 22, let significand = smallSignificand(value) else { return nil }
        let magnitude = exponent >= 0
            ? Double(significand) * powersOfTen[exponent]
            : Double(significand) / powersOfTen[-exponent]
        return value.sign == .minus ? -magnitude : magnitude
    }

    /// The decimal's significand when it is at most 2^53. Foundation's `Decimal` keeps it as
    /// eight little-endian 16-bit words after a 4-byte header (checked once by
    /// `layoutIsTheOneMeasured`; with any other layout every conversion takes the text route).
    private static func smallSignificand(_ value: Decimal) -> UInt64? {
        withUnsafeBytes(of: value) { bytes -> UInt64? in
            var low: UInt64 = 0
            for word in 0..<4 {
                low |= UInt64(bytes.loadUnaligned(fromByteOffset: 4 + 2 * word, as: UInt16.self)) << (16 * word)
            }
            for word in 4..<8 where bytes.loadUnaligned(fromByteOffset: 4 + 2 * word, as: UInt16.self) != 0 {
                return nil
            }
            return low <= 1 << 53 ? low : nil
        }
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }

    /// True when Decimal's storage is 20 bytes with the significand where this file reads it:
    /// probed on values whose words are known.
    private static let layoutIsTheOneMeasured: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let probes: [(Decimal, UInt64)] = [
            (Decimal(sign: .plus, exponent: -5, significand: 12_345_678), 12_345_678),
            (Decimal(sign: .minus, exponent: 3, significand: 0x0001_0002_0003_0005), 0x0001_0002_0003_0005),
        ]
        return probes.allSatisfy { decimal, significand in
            withUnsafeBytes(of: decimal) { bytes in
                (0..<4).allSatisfy { word in
                    bytes.loadUnaligned(fromByteOffset: 4 + 2 * word, as: UInt16.self) == UInt16(truncatingIfNeeded: significand >> (16 * word))
                }
            }
        }
    }()
}
