import Engine
import Testing

/// English and Chinese carry every message with the same placeholders, each one a `MessageField`.
@Suite struct MessageCatalogTests {
    let english = MessageCatalog(language: .en)
    let chinese = MessageCatalog(language: .zh)

    /// The raw template: every placeholder left in place.
    func template(_ catalog: MessageCatalog, _ key: MessageKey) -> String { catalog.text(key) }

    @Test(arguments: MessageKey.allCases)
    func bothLanguagesHaveTheMessageWithTheSamePlaceholders(_ key: MessageKey) {
        let en = template(english, key)
        let zh = template(chinese, key)
        #expect(!en.isEmpty && !zh.isEmpty, "\(key) is missing in a language")
        #expect(Set(MessageCatalog.fields(of: en)) == Set(MessageCatalog.fields(of: zh)), "\(key): \(en) / \(zh)")
        for field in MessageCatalog.fields(of: en) {
            #expect(MessageField(rawValue: field) != nil, "\(key) has a placeholder {\(field)} that no caller can fill")
        }
    }

    @Test(arguments: MessageKey.allCases)
    func fillingEveryPlaceholderLeavesNoHole(_ key: MessageKey) {
        for catalog in [english, chinese] {
            let fields = MessageCatalog.fields(of: template(catalog, key)).compactMap(MessageField.init(rawValue:))
            let filled = catalog.text(key, Dictionary(uniqueKeysWithValues: fields.map { ($0, "X") }))
            #expect(MessageCatalog.fields(of: filled).isEmpty, "\(key): \(filled)")
        }
    }
}
