import Foundation
import Logging

/// How the process logs (stderr): `CYCLE_LOG_FORMAT` (`text`, or `json` for one JSON object per
/// line, for cron and log shippers) and `CYCLE_LOG_LEVEL` (swift-log's levels, default `info`).
public struct LogSettings: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable, CaseIterable {
        case text, json
    }

    public var format: Format
    public var level: Logger.Level

    public static let defaults = LogSettings(format: .text, level: .info)

    public init(format: Format, level: Logger.Level) {
        self.format = format
        self.level = level
    }

    /// Reads both variables strictly; a malformed one throws the `ConfigurationError` naming it.
    public static func parse(_ environment: [String: String]) throws -> LogSettings {
        try parse(EnvironmentReader(environment: environment))
    }

    public static func parse(_ reader: EnvironmentReader) throws -> LogSettings {
        var settings = LogSettings.defaults
        if let raw = reader.string("CYCLE_LOG_FORMAT") {
            guard let format = Format(rawValue: raw.lowercased()) else {
                throw ConfigurationError(variable: "CYCLE_LOG_FORMAT", value: raw, expected: "text or json")
            }
            settings.format = format
        }
        if let raw = reader.string("CYCLE_LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: raw.lowercased()) else {
                throw ConfigurationError(variable: "CYCLE_LOG_LEVEL", value: raw,
                                         expected: Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
            }
            settings.level = level
        }
        return settings
    }
}
