import Foundation
@testable import Paper
import Testing

/// The wallet stores amounts as text and reads them back; the fast spellings must be the ones
/// the POSIX locale gives, byte for byte, or a stored wallet would read differently.
@Suite struct DecimalTextTests {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Deterministic spread of amounts: 1…18 significant digits, 0…14 decimals, both signs.
    private static func amounts() -> [Decimal] {
        var generator = SplitMix(seed: 0x5EED)
        var result: [Decimal] = [0, 1, -1, Decimal(string: "0.00000001")!, Decimal(string: "123456789012.123456789")!]
        for _ in 0..<20_000 {
            let digits = Int(generator.next() % 18) + 1
            var mantissa: UInt64 = 0
            for _ in 0..<digits { mantissa = mantissa &* 10 &+ generator.next() % 10 }
            let value = Decimal(sign: generator.next() % 2 == 0 ? .plus : .minus, exponent: -Int(generator.next() % 15), significand: Decimal(mantissa))
            result.append(value)
        }
        return result
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

/// A small seeded generator so the amounts are the same on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
