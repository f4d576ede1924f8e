import Engine
import Foundation

/// A state document file given to `cycle state import`: a regular file within
/// `StateDocumentSize`, a JSON object that the engine can read. Anything else is refused with the
/// reason, before the store is opened.
enum StateDocumentFile {
    static func read(_ path: String) throws -> JSONValue {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw StateDocumentImportError(reason: "the file cannot be read (no such file, or no permission)")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw StateDocumentImportError(reason: "it is not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if let problem = StateDocumentSize.problem(bytes: size) { throw StateDocumentImportError(reason: "the document \(problem)") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw StateDocumentImportError(reason: "the file cannot be read")
        }
        if let problem = StateDocumentSize.problem(bytes: data.count) { throw StateDocumentImportError(reason: "the document \(problem)") }
        let document = try JSONParser.parse(data)
        guard document.objectValue != nil else { throw StateDocumentImportError(reason: "the top level is not a JSON object") }
        _ = try TradeState.normalized(from: document, universe: [])
        return document
    }
}
