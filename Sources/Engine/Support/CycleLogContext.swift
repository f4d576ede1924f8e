import Logging

/// The run a log line belongs to: every line emitted while a cycle runs carries `cycle.run_id`,
/// whichever component logged it (the CLI bootstraps swift-log with `metadataProvider`).
public enum CycleLogContext {
    @TaskLocal public static var runId: String?

    public static let metadataProvider = Logger.MetadataProvider {
        guard let runId else { return [:] }
        return ["cycle.run_id": .string(runId)]
    }

    /// A logger that drops everything: the default where no logger is given (tests, replay).
    public static let silent = Logger(label: "cycle.silent", factory: { _ in SwiftLogNoOpLogHandler() })
}
