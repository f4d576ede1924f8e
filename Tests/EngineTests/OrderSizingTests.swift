import Engine
import Foundation
import Testing
import TestSupport

/// `OrderSizing.floor` and `isMultiple` work in 64-bit integers where the digits allow; each
/// answer must be the one Foundation's decimal division gives, bit for bit.
@Suite struct OrderSizingTests {
    private func divisionFloor(_ value: Decimal, step: Decimal) -> Decimal {
        guard step > 0 else { return value }
        var ratio = value / step
        var whole = Decimal()
        NSDecimalRound(&whole, &ratio, 0, .down)
        return whole * step
    }

    private func divisionIsMultiple(_ value: Decimal, of step: Decimal) -> Bool {
        guard step > 0 else { return true }
        var ratio = value / step
        var whole = Decimal()
        NSDecimalRound(&whole, &ratio, 0, .down)
        return whole == ratio
    }

    private func bits(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    private func decimal(_ significand: UInt64, _ exponent: Int, negative: Bool = false) -> Decimal {
        Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }

    private func expectBothRoutesAgree(_ value: Decimal, step: Decimal) {
        #expect(bits(OrderSizing.floor(value, step: step)) == bits(divisionFloor(value, step: step)), "floor \(value) step \(step)")
        #expect(OrderSizing.isMultiple(value, of: step) == divisionIsMultiple(value, of: step), "isMultiple \(value) step \(step)")
    }

    @Test func exchangeStepsAndEdges() {
        let steps = ["1", "0.1", "0.001", "0.00001", "0.00000001", "10", "1000", "0.5", "0.25", "0", "-0.1", "0.0000000000000000001"]
        let values = ["0", "1", "0.3", "2.999", "123456.78901234", "0.00000001", "18446744073709551615", "18446744073709551616",
                      "99999999999999999999999999999999999999", "-0.3", "-7", "1e-30", "1e30", "0.10", "3.00000000"]
        for step in steps {
            for value in values {
                expectBothRoutesAgree(Decimal(string: value)!, step: Decimal(string: step)!)
            }
            expectBothRoutesAgree(.nan, step: Decimal(string: step)!)
        }
    }

    @Test func randomQuantitiesAndSteps() {
        var generator = SplitMix64(seed: 0xF100_2)
        for _ in 0..<5_000 {
            let bits = Int.random(in: 1...64, using: &generator)
            let value = decimal(UInt64.random(in: 0...UInt64.max, using: &generator) >> (64 - bits), Int.random(in: -20...6, using: &generator),
                                negative: Int.random(in: 0..<10, using: &generator) == 0)
            let step = decimal(UInt64.random(in: 1...1000, using: &generator) * [1, 1, 5, 10][Int.random(in: 0..<4, using: &generator)],
                               Int.random(in: -12...3, using: &generator))
            expectBothRoutesAgree(value, step: step)
            // A quantity computed as a fill computes it: a quote over a price.
            let price = decimal(UInt64.random(in: 1...100_000_000, using: &generator), -Int.random(in: 0...8, using: &generator))
            expectBothRoutesAgree(value / price, step: step)
        }
    }
}
