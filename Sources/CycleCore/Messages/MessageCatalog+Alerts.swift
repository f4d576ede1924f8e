import Strategy

/// The alerts' texts: what a shell sends for each `CycleAlert`, in the catalog's language.
extension MessageCatalog {
    public func alertText(_ alert: CycleAlert) -> String {
        switch alert {
        case .orderSizedToZero(let subject): return sizedToZeroHeadline(subject) + "\n" + text(.qtyZero)
        case .orderFailed(let subject, let error): return failureHeadline(subject) + "\n\(text(.errorLabel)): \(error)"
        case .orderFilled(let subject, let shownQuantity): return fillText(subject, shownQuantity: shownQuantity)
        case .symbolNotTrading(let symbol, let status): return text(.orderSymbolNotTrading, [.symbol: symbol, .detail: status])
        case .circuitBreakerTripped(let trendPnL):
            return text(.circuitBreaker) + "\n" + text(.circuitMessage, [.pnl: Format.percent(trendPnL, 2)])
        case .systemCrash(let detail): return text(.systemCrash) + "\n" + detail
        case .exchangeUnreachable(let detail): return text(.apiError) + "\n\(text(.errorLabel)): \(detail)"
        case .redemptionFailed(let asset, let error): return text(.redeemFailed) + " \(asset)\n\(text(.errorLabel)): \(error)"
        case .redemptionNotCredited(let asset, let amount):
            return text(.redemptionNotCredited, [.asset: asset, .amount: Format.quantity(amount)])
        case .reconciliationFailed(let count, let failures):
            let lines = failures.map { "• \($0.kind.rawValue) \($0.symbol ?? ""): \($0.detail)" }
            return text(.reconciliationFailed, [.count: "\(count)"]) + "\n" + lines.joined(separator: "\n")
        case .tradingHalted(let reason, let setBy): return text(.tradingHaltedReminder, [.detail: reason, .name: setBy])
        case .heartbeat(let heartbeat): return heartbeatText(heartbeat)
        }
    }

    /// A trend sell's reason as its alert and the report's intent name it.
    public func sellReasonText(_ reason: SellReason) -> String {
        switch reason {
        case .missingIndicators: text(.sellReasonMissingIndicators)
        case .rotatedOut: text(.sellReasonRotatedOut)
        case .belowSMA60: text(.sellReasonBelowSMA60)
        case .atrTrailingStop(let stop): text(.sellReasonATRStop, [.stop: Format.fixed(stop, 2)])
        case .operatorExitOnly: text(.sellReasonOperatorExitOnly)
        }
    }

    /// A sell intent's reason as the report names it.
    public func intentReasonText(_ reason: IntentReason) -> String {
        switch reason {
        case .trend(let reason): sellReasonText(reason)
        case .circuitBreaker: "daily_circuit_breaker"
        }
    }

    private func sellHeader(symbol: String, reason: SellReason) -> String {
        "\(symbol)\n\(text(.reasonLabel)): \(sellReasonText(reason))"
    }

    private func budgetLine(_ budget: Double) -> String {
        "\(text(.budgetLabel)): $\(Format.fixed(budget, 2))"
    }

    private func sizedToZeroHeadline(_ subject: OrderSubject) -> String {
        switch subject {
        case .trendSell(let symbol, let reason, _): text(.trendSellSkipped) + " " + sellHeader(symbol: symbol, reason: reason)
        case .trendBuy(let symbol, let budget, _, _, _): text(.trendBuySkipped) + " \(symbol)\n\(budgetLine(budget))"
        case .circuitBreakerSell(let symbol): text(.circuitBreakerSellSkipped) + " \(symbol)"
        case .dcaBuy: text(.btcDcaBuySkipped)
        case .dcaTrim: text(.btcDcaTrimSkipped)
        case .fuelTopUp: text(.bnbTopUpFailed)
        }
    }

    private func failureHeadline(_ subject: OrderSubject) -> String {
        switch subject {
        case .trendSell(let symbol, let reason, _): text(.trendSellFailed) + " " + sellHeader(symbol: symbol, reason: reason)
        case .trendBuy(let symbol, let budget, _, _, _): text(.trendBuyFailed) + " \(symbol)\n\(budgetLine(budget))"
        case .circuitBreakerSell(let symbol): text(.circuitBreakerSellFailed) + " \(symbol)"
        case .dcaBuy: text(.btcDcaBuyFailed) + " BTC"
        case .dcaTrim: text(.btcDcaTrimFailed) + " BTC"
        case .fuelTopUp: text(.bnbTopUpFailed)
        }
    }

    private func fillText(_ subject: OrderSubject, shownQuantity: Double) -> String {
        switch subject {
        case .trendSell(let symbol, let reason, let price):
            return text(.trendSell) + " " + sellHeader(symbol: symbol, reason: reason) + "\n\(text(.priceLabel)): $\(Format.fixed(price, 2))"
        case .trendBuy(let symbol, let budget, let price, let weight, let relativeScore):
            return text(.trendBuy) + " \(symbol)\n\(text(.priceLabel)): $\(Format.fixed(price, 2))\n\(budgetLine(budget))\n"
                + "\(text(.weightLabel)): \(Format.percent(weight, 0))\n"
                + "\(text(.relScoreLabel)): \(Format.fixed(relativeScore, 2))"
        case .dcaBuy(let targetRatio, let ahr999):
            return text(.btcDcaBuy) + " BTC\n\(text(.targetAllocLabel)): "
                + "\(Format.percent(targetRatio, 1))\nAHR999: \(Format.fixed(ahr999, 2))\n"
                + "\(text(.quantityLabel)): \(Format.quantity(shownQuantity)) BTC"
        case .dcaTrim(let fraction, let quantity):
            return text(.btcDcaTrim) + " BTC\n\(text(.ratioLabel)): \(Format.percent(fraction, 0))\n"
                + "\(text(.quantityLabel)): \(Format.quantity(quantity)) BTC"
        case .circuitBreakerSell, .fuelTopUp:
            return ""
        }
    }

    private func heartbeatText(_ heartbeat: Heartbeat) -> String {
        let allocation = heartbeat.allocation
        let btc = heartbeat.btc
        let separator = text(.separator)
        let gate = btc.regimeOn ? text(.gateOn) : text(.gateOff)
        return [
            text(.heartbeatTitle),
            text(.strategyLabel, [.name: text(.strategyDisplayName)]),
            separator,
            "\(text(.totalEquity)): $\(Format.grouped(allocation.totalEquity))",
            "\(text(.trendEquity)): $\(Format.grouped(allocation.trendValue)) (\(Format.percent(heartbeat.trendPnL, 1, signed: true)))",
            "\(text(.btcPrice)): $\(Format.grouped(heartbeat.btcPrice))",
            separator,
            "\(text(.btcGate)): \(gate)",
            "Ahr999: \(Format.fixed(btc.ahr999, 2)) | \(text(.zscore)): \(Format.fixed(btc.zscore, 1)) (\(text(.zscoreThreshold)) \(Format.fixed(btc.sellTrigger, 1)))",
            "\(text(.btcTarget)): \(Format.percent(allocation.btcTargetRatio, 1))",
            separator,
            "💡 " + valuationHint(btc),
        ].joined(separator: "\n")
    }

    private func valuationHint(_ btc: BTCSnapshot) -> String {
        if btc.ahr999 < 0.45 { return text(.hintDeepValue) }
        if btc.ahr999 < 0.8 { return text(.hintLowValue) }
        if btc.zscore >= btc.sellTrigger { return text(.hintProfitTaking) }
        if btc.zscore >= btc.sellTrigger * 0.9 { return text(.hintNearProfitTaking) }
        return text(.hintNeutral)
    }
}
