import Engine
import Foundation
import Logging

/// The process's one log handler, on stderr. `json`: one JSON object per line (`ts`, `level`,
/// `label`, `msg`, then the metadata as flat keys), for cron logs and log shippers. `text`: the
/// operator's messages (label `cycle.console`) as they are, every other line as
/// `LEVEL message key=value …`.
struct CycleLogHandler: LogHandler {
    static let consoleLabel = "cycle.console"

    let label: String
    let format: LogSettings.Format
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let line: String
        switch format {
        case .json: line = jsonLine(event, merged)
        case .text: line = textLine(event, merged)
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private func jsonLine(_ event: LogEvent, _ metadata: Logger.Metadata) -> String {
        var object: JSONObject = [
            "ts": .string(Date().isoWithOffset), "level": .string(event.level.rawValue), "label": .string(label),
            "msg": .string(event.message.description),
        ]
        for (key, value) in metadata { object[key] = Self.json(value) }
        return JSONWriter.string(.object(object), pretty: false)
    }

    private func textLine(_ event: LogEvent, _ metadata: Logger.Metadata) -> String {
        if label == Self.consoleLabel { return event.message.description }
        let fields = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return ([event.level.rawValue.uppercased(), event.message.description] + fields).joined(separator: " ")
    }

    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let fields): .sortedObject(fields.mapValues(json))
        }
    }
}

/// Installs the handler once, before any command runs.
enum CycleLogging {
    static func bootstrap(_ settings: LogSettings) {
        LoggingSystem.bootstrap({ label, provider in
            CycleLogHandler(label: label, format: settings.format, logLevel: settings.level, metadataProvider: provider)
        }, metadataProvider: CycleLogContext.metadataProvider)
    }
}
