/// Every operator-facing text the engine produces. Titles in 【】 are fixed identifiers that
/// operators filter alerts on; they match the original engine's exactly.
public enum MessageKey: String, Sendable, CaseIterable {
    // Alert titles
    case trendBuy, trendBuyFailed, trendBuySkipped, trendSell, trendSellFailed, trendSellSkipped
    case btcDcaBuy, btcDcaBuyFailed, btcDcaBuySkipped, btcDcaTrim, btcDcaTrimFailed, btcDcaTrimSkipped
    case circuitBreaker, circuitBreakerSellFailed, circuitBreakerSellSkipped
    case systemCrash, redeemFailed, apiError, heartbeatTitle, bnbTopUpCompleted, bnbTopUpFailed
    // Labels
    case priceLabel, reasonLabel, budgetLabel, weightLabel, relScoreLabel, quantityLabel, targetAllocLabel
    case ratioLabel, errorLabel, strategyLabel, totalEquity, trendEquity, btcPrice, zscore, zscoreThreshold
    case btcTarget, btcGate, gateOn, gateOff, telegramPrefix
    // Hints
    case hintDeepValue, hintLowValue, hintProfitTaking, hintNearProfitTaking, hintNeutral
    // Sentences
    case qtyZero, circuitMessage, orderBlockedByFilter, orderSymbolNotTrading, commissionEstimated, redemptionNotCredited, sellReasonOperatorExitOnly, tradingHaltedReminder, tradingModeChanged, reconciliationFailed
    case trendPoolSourceLine, trendPoolDegradedBuyPause, trendPoolLoadedFreshUpstream, trendPoolUsingLastKnownGood
    case trendPoolUsingLocalFile, trendPoolFallbackStatic
    case missingInvalidAsOfDate, modeMissingAssumed, modeNotAcceptable, symbolsMapMissingOrInvalid, symbolsListEmpty
    case poolSizeMissingOrInvalid, poolSizeMismatch, poolSizeExpectedMismatch, asOfDateInFuture, payloadStaleByDays
    case versionMissingSynthesized, sourceProjectMissingUnknown, upstreamDocumentMissing, upstreamReadFailed
    case poolFileNotFound, poolFileReadFailed, payloadNotAnObject, baseAssetMismatch, poolRungUnpriced, poolRungListedBaseMismatch
    case usdtUnavailableForBnbTopUp, btcIndicatorsInsufficient, earnBalanceLookupFailed
    case redeemingFromEarn, cashManagerSubscribed, cashManagerRedeeming, earnBufferFailed
    case portfolioTitle, portfolioEquityLine, portfolioBtcLine, portfolioTrendLine, portfolioGateLine, separator
    case sellReasonMissingIndicators, sellReasonRotatedOut, sellReasonBelowSMA60, sellReasonATRStop
    case duplicateSellSkipped, duplicateBuySkipped, statusFlat, executionPoolLine, noExecutionPool
    case btcRadarLine, circuitLatchedLine, externalBalanceFlow, externalUsdtFlow, btcDailyRetrying
    case btcCycleIndicatorsLoaded, btcCycleIndicatorsFailed, exchangeRulesUnavailable
    case assetUnavailableForCircuitSell, assetUnavailableForTrendSell, usdtUnavailableForTrendBuy
    case usdtUnavailableForDcaBuy, btcUnavailableForDcaSell, stateLoadFailed, apiConnectionFailedDetail, apiConnectionRefusedDetail
    case strategyDisplayName
    case leaseTakenOver, leaseReleaseFailed, journalPendingDryRun, journalEntryResolved, journalOrderStillOpen, journalOrderStillUnknown
}
