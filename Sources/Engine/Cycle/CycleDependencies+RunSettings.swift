import CycleCore

extension CycleDependencies {
    /// The settings of a run at the trading clock's current moment.
    var runSettings: CycleRunSettings {
        CycleRunSettings(now: clock.now(), host: host, processId: processId, runNonce: runNonce, account: account,
                         reconcilesAtEnd: reconcilesAtEnd, rendersLogLines: rendersLogLines)
    }
}
