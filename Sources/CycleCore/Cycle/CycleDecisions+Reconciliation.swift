import Foundation

/// Step 15 (docs/commands.md#evidence-for-operators): a live or paper cycle ends by comparing its belief with the account;
/// the result goes into the report, a failure is alerted. It never trades, and a failure of
/// its own reads does not change the cycle's status.
extension CycleDecisions {
    mutating func reconcileWithTheExchange() {
        guard !dryRun, settings.reconcilesAtEnd else { return }
        let now = world.wallNow()
        let entries = (try? world.recentEntries(since: now.addingTimeInterval(-CycleRules.reconciliationJournalWindowSeconds))) ?? []
        guard let result = try? world.reconcile(document: state.document, recentEntries: entries, account: settings.account, now: now) else { return }
        report.reconciliation = result
        guard !result.isOk else { return }
        world.note(.reconciliationFailed(failures: result.failures.count))
        notify(.reconciliationFailed(failureCount: result.failures.count, firstFailures: Array(result.failures.prefix(5))))
    }
}
