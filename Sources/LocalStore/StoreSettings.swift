import Engine
import Foundation

/// The local store's settings: its folder (`CYCLE_STATE_DIR`, default `./state`; `--state-dir`
/// wins) and the SQL trace for diagnosis (`CYCLE_SQL_TRACE=1`, logged at level trace).
public struct StoreSettings: Sendable, Equatable {
    public var directory: String?
    public var sqlTrace = false

    public static let defaults = StoreSettings()

    public init() {}

    public static func parse(_ reader: EnvironmentReader) throws -> StoreSettings {
        var settings = StoreSettings()
        settings.directory = reader.string("CYCLE_STATE_DIR")
        settings.sqlTrace = try reader.bool("CYCLE_SQL_TRACE", default: false)
        return settings
    }
}
