import Foundation
@testable import Paper
import Testing

/// The wallet stores amounts as text and reads them back; the fast spellings must be the ones
/// the POSIX locale gives, byte for byte, or a stored wallet would read differently.
@Suite struct DecimalTextTests {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Deterministic spread of amounts: every count of 1…18 significant digits at every scale of
    /// 0…14 decimals, both signs, digits drawn from a fixed linear congruential sequence.
    private static func amounts() -> [Decimal] {
        var result: [Decimal] = [0, 1, -1, Decimal(string: "0.00000001")!, Decimal(string: "123456789012.123456789")!]
        var state: UInt64 = 0x5EED
        for digits in 1...18 {
            for scale in 0...14 {
                for draw in 0..<37 {
                    var mantissa: UInt64 = 0
                    for _ in 0..<digits {
                        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        mantissa = mantissa * 10 + (state >> 33) % 10
                    }
                    result.append(Decimal(sign: draw % 2 == 0 ? .plus : .minus, exponent: -scale, significand: Decimal(mantissa)))
                }
            }
        }
        return result
    }

    /// The stored amount is computed without its text; it must be the very Decimal reading the
    /// text back gives, bit for bit (a different representation of the same number could round
    /// differently in a later operation), for amounts, their sums, products and quotients.
    @Test func storedIsTheTextReadBackBitForBit() {
        func bits(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        let amounts = Self.amounts()
        var values = amounts + [Decimal.nan, Decimal(sign: .plus, exponent: -9, significand: 5), Decimal.greatestFiniteMagnitude]
        for (left, right) in zip(amounts, amounts.reversed()) {
            values += [left + right, left * right, left - right, left * left * left * 1000]
            if right != 0 { values.append(left / right) }
        }
        for value in values {
            #expect(bits(PaperWallet.stored(value)) == bits(PaperWallet.decimal(PaperWallet.text(value))), "\(value)")
        }
    }

    @Test func textIsThePOSIXSpellingRoundedDownToEightDecimals() {
        for amount in Self.amounts() {
            var value = amount
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, 8, .down)
            #expect(PaperWallet.text(amount) == NSDecimalNumber(decimal: rounded).description(withLocale: Self.posix), "\(amount)")
        }
    }

    @Test func readingTextBackGivesThePOSIXParse() {
        for amount in Self.amounts() {
            let text = PaperWallet.text(amount)
            #expect(PaperWallet.decimal(text) == Decimal(string: text, locale: Self.posix), "\(text)")
        }
        #expect(PaperWallet.decimal("12.5") == Decimal(125) / 10)
        #expect(PaperWallet.decimal("not a number") == 0)
    }
}
