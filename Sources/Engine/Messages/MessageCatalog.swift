/// Looks up a message in the configured language and fills its `{name}` placeholders.
/// Numbers are formatted by the caller, so every text is deterministic.
public struct MessageCatalog: Sendable {
    public let language: Config.Language

    public init(language: Config.Language) {
        self.language = language
    }

    /// The message in the configured language with `values` filled in. Both catalogs carry every
    /// key with the same placeholders (checked by `MessageCatalogTests`).
    public func text(_ key: MessageKey, _ values: [MessageField: String] = [:]) -> String {
        let table = language == .zh ? MessageCatalog.chinese : MessageCatalog.english
        var template = table[key] ?? MessageCatalog.english[key] ?? ""
        for (field, value) in values {
            template = template.replacingOccurrences(of: "{\(field.rawValue)}", with: value)
        }
        return template
    }

    /// The placeholders a template expects, in order of first appearance.
    public static func fields(of template: String) -> [String] {
        var fields: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !fields.contains(name) { fields.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return fields
    }

    /// The prefix the notifier adds to every alert.
    public var alertPrefix: String { text(.telegramPrefix) + ":\n" }
}
