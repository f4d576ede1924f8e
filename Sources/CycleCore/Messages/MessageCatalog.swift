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
        let template = table[key] ?? MessageCatalog.english[key] ?? ""
        return values.isEmpty ? template : Self.fill(template, values)
    }

    /// One pass over the template: each `{field}` given a value is replaced by it; an unknown or
    /// ungiven placeholder stays as written, and a value is never scanned for placeholders itself.
    static func fill(_ template: String, _ values: [MessageField: String]) -> String {
        var output = ""
        output.reserveCapacity(template.utf8.count + 32)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            if let field = MessageField(rawValue: String(name)), let value = values[field] {
                output += value
            } else {
                output += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return output
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
