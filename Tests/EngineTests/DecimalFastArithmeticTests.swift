import Engine
import Foundation
import Testing
import TestSupport

/// `Decimal.plus`, `minus`, `times`, `isBelow(_:)` and `rounded(toScale:_:)` skip Foundation's
/// general algorithm where 64-bit integers are exact; every answer must be Foundation's, bit for bit.
@Suite struct DecimalFastArithmeticTests {
    private func bits(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    private func foundationRounded(_ value: Decimal, _ scale: Int, _ mode: Decimal.RoundingMode) -> Decimal {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, scale, mode)
        return rounded
    }

    private func expectFoundationsAnswers(_ left: Decimal, _ right: Decimal) {
        #expect(bits(left.plus(right)) == bits(left + right), "\(left) + \(right)")
        #expect(bits(left.minus(right)) == bits(left - right), "\(left) - \(right)")
        #expect(bits(left.times(right)) == bits(left * right), "\(left) × \(right)")
        #expect(left.isBelow(right) == (left < right), "\(left) < \(right)")
        for scale in [0, 2, 8] {
            for mode in [Decimal.RoundingMode.down, .up] {
                #expect(bits(left.rounded(toScale: scale, mode)) == bits(foundationRounded(left, scale, mode)), "\(left) rounded \(scale) \(mode)")
            }
        }
    }

    @Test func edges() {
        let texts = ["0", "1", "-1", "0.1", "-0.1", "1.50", "0.00000001", "0.000000015", "-2.5", "18446744073709551615",
                     "18446744073709551616", "9999999999999999999", "1e60", "-1e60", "1e-60", "123456789.123456789",
                     "99999999999999999999999999999999999999", "0.001", "0.75"]
        // (Not Decimal's extremes: Foundation's own operators trap on a product beyond them.)
        let values = texts.map { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX"))! } + [.nan]
        for left in values {
            for right in values { expectFoundationsAnswers(left, right) }
        }
    }

    @Test func randomOperandsLikeAFillsAndBalances() {
        var generator = SplitMix64(seed: 0xDEC_A1)
        func random() -> Decimal {
            let bits = Int.random(in: 1...64, using: &generator)
            let significand = UInt64.random(in: 0...UInt64.max, using: &generator) >> (64 - bits)
            return Decimal(sign: Int.random(in: 0..<4, using: &generator) == 0 ? .minus : .plus,
                           exponent: Int.random(in: -20...12, using: &generator), significand: Decimal(significand))
        }
        for _ in 0..<3_000 {
            let left = random(), right = random()
            expectFoundationsAnswers(left, right)
            // A quantity, a price and a fee as a fill computes them.
            let quantity = Decimal(sign: .plus, exponent: -Int.random(in: 0...8, using: &generator),
                                   significand: Decimal(UInt64.random(in: 1...10_000_000_000, using: &generator)))
            let price = Decimal(sign: .plus, exponent: -Int.random(in: 0...8, using: &generator),
                                significand: Decimal(UInt64.random(in: 1...10_000_000_000, using: &generator)))
            expectFoundationsAnswers(quantity, price)
            expectFoundationsAnswers(quantity * price * Decimal(string: "0.00075")!, price)
        }
    }
}
