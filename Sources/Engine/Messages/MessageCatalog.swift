/// Looks up a message in the configured language and fills its `{name}` placeholders.
/// Numbers are formatted by the caller, so every text is deterministic.
public struct MessageCatalog: Sendable {
    public let language: Config.Language

    public init(language: Config.Language) {
        self.language = language
    }

    public func text(_ key: MessageKey, _ values: [String: String] = [:]) -> String {
        let table = language == .zh ? MessageCatalog.chinese : MessageCatalog.english
        var template = table[key] ?? MessageCatalog.english[key] ?? key.rawValue
        for (name, value) in values {
            template = template.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return template
    }

    /// The prefix the notifier adds to every alert.
    public var alertPrefix: String { text(.telegramPrefix) + ":\n" }
}
