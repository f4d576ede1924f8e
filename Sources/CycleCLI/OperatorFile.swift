import ArgumentParser
import Engine
import Foundation

/// A file an operator named on the command line (`--output`, `--state-out`, `--prometheus`,
/// `state export FILE`), written through `OutputFile`: a refusal or failure is one sentence on
/// stderr naming the path, and exit 1.
enum OperatorFile {
    static func write(_ text: String, to path: String, creatingFolder: Bool = false) throws {
        do {
            if creatingFolder { try OutputFile.createFolder(URL(fileURLWithPath: path).deletingLastPathComponent()) }
            try OutputFile.replace(path, with: Data(text.utf8))
        } catch {
            Console.error("\(error)")
            throw CycleExit.error
        }
    }

    /// For `validate()`: a path that exists and is not a regular file (or is a link) is refused
    /// before anything runs (exit 64).
    static func check(_ path: String?, option: String) throws {
        if let path, let problem = OutputFile.problem(path) { throw ValidationError("\(option): \(problem)") }
    }
}
