import Engine
import Foundation

/// A state document file given to `cycle state import`: a regular file within
/// `StateDocumentSize` (checked before it is read), a JSON object that the engine can read.
/// Anything else is refused with the reason, before the store is opened.
enum StateDocumentFile {
    static func read(_ path: String) throws -> JSONValue {
        let data = try InputFile.read(path) { bytes in StateDocumentSize.problem(bytes: bytes).map { "holds a document that \($0)" } }
        if let problem = StateDocumentSize.problem(bytes: data.count) { throw StateDocumentImportError(reason: "the document \(problem)") }
        let document = try JSONParser.parse(data)
        guard document.objectValue != nil else { throw StateDocumentImportError(reason: "the top level is not a JSON object") }
        _ = try TradeState.normalized(from: document, universe: [])
        return document
    }
}
