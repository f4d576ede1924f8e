import Foundation
import Testing
import Strategy

/// docs/strategy.md#allocation and docs/strategy.md#btc-dca.
@Suite struct AllocationAndDCATests {
    @Test func allocationSplitsEquityByTheLogBTCRatio() {
        let allocation = Allocation(cash: 1000, fuelValue: 30, trendValue: 0, dcaValue: 0)
        #expect(allocation.totalEquity == 1030)
        #expect(abs(allocation.btcTargetRatio - (0.14 + 0.16 * log1p(0.103))) < 1e-15)
        #expect(abs(allocation.trendPool - 1030 * (1 - allocation.btcTargetRatio)) < 1e-9)
        #expect(abs(allocation.dcaPool - (1000 - allocation.trendPool)) < 1e-9)
        #expect(allocation.btcBaseOrder == 15)
    }

    @Test func btcRatioIsCappedAt65Percent() {
        let rich = Allocation(cash: 10_000_000, fuelValue: 0, trendValue: 0, dcaValue: 0)
        #expect(rich.btcTargetRatio == 0.65)
        #expect(abs(rich.btcBaseOrder - 12_000) < 1e-6)
    }

    @Test func poolsNeverExceedCashAndNeverGoNegative() {
        let overweightTrend = Allocation(cash: 100, fuelValue: 0, trendValue: 5000, dcaValue: 0)
        #expect(overweightTrend.trendPool == 0)
        #expect(overweightTrend.dcaPool == 100)
        let noCash = Allocation(cash: -5, fuelValue: 0, trendValue: 100, dcaValue: 100)
        #expect(noCash.trendPool == 0 && noCash.dcaPool == 0)
    }

    @Test(arguments: [(0.3, 5), (0.449, 5), (0.45, 2), (0.79, 2), (0.8, 1), (1.19, 1), (1.2, 0), (3.0, 0)])
    func dcaBuyMultiplierByAhr999(_ ahr: Double, _ multiplier: Int) {
        #expect(DCATables.buyMultiplier(ahr999: ahr) == multiplier)
    }

    @Test(arguments: [(2.6, 0.1), (4.0, 0.1), (4.01, 0.3), (5.0, 0.3), (5.01, 0.5)])
    func dcaTrimFractionByZscore(_ zscore: Double, _ fraction: Double) {
        #expect(DCATables.trimFraction(zscore: zscore) == fraction)
    }
}
