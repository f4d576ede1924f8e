import Foundation
import Strategy

/// Step 12: keep spot USDT near the buffer target; park the surplus in Simple Earn flexible.
extension CycleDecisions {
    mutating func maintainEarnBuffer(cashBeforeTrades: Double) throws {
        let target = usdtBufferTarget(cash: cashBeforeTrades)
        do {
            // Spot USDT as it stands after this cycle's orders and redemptions; in dry run the
            // wallet has moved as if they had executed, so both modes decide on the same number.
            // The product is looked up only when a move is due: the list costs request weight
            // 150, and most cycles end inside the band (issue #23's per-cycle budget).
            let spot = max(0, wallet.spotFree("USDT"))
            if spot > target + CycleRules.bufferBand {
                let excess = OrderSizing.round(spot - target, scale: 4)
                guard OrderSizing.double(excess) >= CycleRules.minimumSubscription,
                      let productId = try world.flexibleProductId(asset: "USDT") else { return }
                report.earnIntents.append(EarnIntent(asset: "USDT", action: .subscribe, productId: productId,
                                                     amount: OrderSizing.double(excess), reason: .maintainUSDTBuffer))
                try subscribeFlexible(asset: "USDT", productId: productId, amount: excess)
                say(messages.text(.cashManagerSubscribed, [.amount: Format.fixed(OrderSizing.double(excess), 2)]))
            } else if spot < target - CycleRules.bufferBand {
                let shortfall = OrderSizing.double(OrderSizing.round(target - spot, scale: 4))
                guard let position = wallet.earn["USDT"], position.totalAmount > 0,
                      let productId = try world.flexibleProductId(asset: "USDT") else { return }
                let redeem = OrderSizing.round(min(shortfall, position.totalAmount), scale: 8)
                report.earnIntents.append(EarnIntent(asset: "USDT", action: .redeem, productId: productId,
                                                     amount: OrderSizing.double(redeem), reason: .maintainUSDTBuffer))
                try redeemFlexible(asset: "USDT", productId: productId, amount: redeem)
                say(messages.text(.cashManagerRedeeming, [.amount: Format.fixed(OrderSizing.double(redeem), 2)]))
            }
        } catch {
            try escalateIfTradingMustStop(error, runRefusalStops: false)
            say(messages.text(.earnBufferFailed, [.error: "\(error)"]))
        }
    }
}
