import Engine
import Foundation
import Testing
import TestSupport

/// `OrderSizing.double` skips the decimal's text where it can; every answer must be the bits
/// reading the exact text gives (glibc's strtod rounds to nearest, as one IEEE operation does).
@Suite struct DecimalToDoubleTests {
    private func textRoute(_ value: Decimal) -> Double? { Double(OrderSizing.text(value)) }

    private func expectSameBits(_ value: Decimal, _ comment: Comment? = nil) {
        let fast = OrderSizing.double(value)
        let text = textRoute(value)
        if let text, text.isNaN {
            #expect(fast.isNaN, comment)
        } else {
            #expect(fast.bitPattern == text?.bitPattern, "\(OrderSizing.text(value)) → \(fast) vs \(String(describing: text))")
        }
    }

    @Test func edgesOfTheFastPath() {
        let texts = ["0", "1", "-1", "0.1", "0.3", "-0.00000001", "9007199254740992", "9007199254740993",
                     "9007199254740992e22", "9007199254740993e-22", "1e22", "1e23", "1e-22", "1e-23",
                     "123456789012345678901234567890.12345678", "0.000000000000000000000000000001",
                     "1.50000000", "2.10", "69420.12345678", "-0.00075", "340282366920938463463374607431768211455"]
        for text in texts {
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
            expectSameBits(value, "\(text)")
        }
        expectSameBits(Decimal.nan)
        expectSameBits(Decimal.greatestFiniteMagnitude)
        expectSameBits(Decimal.leastNonzeroMagnitude)
    }

    @Test func randomDecimalsAndTheArithmeticOfFills() {
        var generator = SplitMix64(seed: 0xDEC1_4A1)
        for _ in 0..<3_000 {
            let bits = Int.random(in: 1...64, using: &generator)
            let significand = UInt64.random(in: 0...UInt64.max, using: &generator) >> (64 - bits)
            let exponent = Int.random(in: -30...30, using: &generator)
            let sign: FloatingPointSign = Bool.random(using: &generator) ? .minus : .plus
            let value = Decimal(sign: sign, exponent: exponent, significand: Decimal(significand))
            expectSameBits(value)
            // What a fill computes: a quantity times a price, a fee, a quote over a price.
            let price = Decimal(sign: .plus, exponent: -Int.random(in: 0...8, using: &generator),
                                significand: Decimal(UInt64.random(in: 1...10_000_000_000, using: &generator)))
            expectSameBits(value * price)
            expectSameBits(value * Decimal(string: "0.00075")!)
            if price > 0 { expectSameBits(value / price) }
        }
    }
}
