import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file the operator pointed at (a data month, `exchange_info.json`) only when it is a
/// regular file: a FIFO, device or folder at the name is refused in a sentence, and opening it
/// never blocks (`O_NONBLOCK`, then `fstat` on what was opened).
public enum InputFile {
    /// Why a file could not be read, as the middle of a sentence ("is a FIFO (named pipe), not a regular file").
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let problem: String
        public var description: String { "\(path) \(problem)" }
    }

    /// `sizeProblem`: given the file's size in bytes, the problem with it (nil when it may be
    /// read); checked before a byte is read, so an oversized file is never loaded.
    public static func read(_ path: String, sizeProblem: (Int) -> String? = { _ in nil }) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Problem(path: path, problem: "cannot be opened (\(String(cString: strerror(errno))))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Problem(path: path, problem: "cannot be examined (\(String(cString: strerror(errno))))") }
        let kind = FileKind(mode: UInt32(info.st_mode))
        guard kind == .regular else { throw Problem(path: path, problem: "is \(kind?.description ?? "a special file"), not a regular file") }
        if let problem = sizeProblem(Int(info.st_size)) { throw Problem(path: path, problem: problem) }
        guard let data = try? handle.readToEnd() else { throw Problem(path: path, problem: "cannot be read to its end (an I/O error)") }
        return data
    }
}
