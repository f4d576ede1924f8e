import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file the engine writes by name (reports, `--output`, `--state-out`, `state export`,
/// the backtest's files, the Prometheus textfile) goes through here. A symbolic link is never
/// followed, nothing but a regular file is ever replaced, and a failed write leaves neither a
/// half-written file nor a temporary behind.
public enum OutputFile {
    /// Replaces (or creates) `path` with `data`: a temporary created with
    /// `O_CREAT|O_EXCL|O_NOFOLLOW` under a random name in the same folder is written, synced and
    /// renamed over `path`, so a reader sees the old file or the new one, never half of one.
    public static func replace(_ path: String, with data: Data) throws {
        if let problem = problem(path) { throw problem }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).tmp").path
        // A file replaced keeps its permissions (an export chmod 600 stays private).
        var existing = stat()
        let mode = lstat(path, &existing) == 0 ? UInt32(existing.st_mode) & 0o7777 : nil
        try writeExclusively(data, creating: temporary, reportedAs: path, mode: mode)
        // Checked again just before the rename: what appeared at `path` meanwhile is not replaced.
        if let problem = problem(path) {
            unlink(temporary)
            throw problem
        }
        guard rename(temporary, path) == 0 else {
            let error = OutputFileError.system(path: path, errno: errno)
            unlink(temporary)
            throw error
        }
        syncFolder(of: path)
    }

    /// Creates `path` with `data` and never replaces anything: `O_CREAT|O_EXCL|O_NOFOLLOW` on the
    /// name itself (an existing file, link or node there is `OutputFileError.Kind.exists`).
    public static func create(_ path: String, with data: Data) throws {
        try writeExclusively(data, creating: path, reportedAs: path)
        syncFolder(of: path)
    }

    /// Creates the first free name of `stem.ext`, `stem.2.ext`, `stem.3.ext`, … in `folder`, so an
    /// earlier file of the same stem is never overwritten; returns where it went.
    public static func createNumbered(in folder: URL, stem: String, extension ext: String, with data: Data) throws -> URL {
        for attempt in 1...10_000 {
            let url = folder.appendingPathComponent(attempt == 1 ? "\(stem).\(ext)" : "\(stem).\(attempt).\(ext)")
            do {
                try create(url.path, with: data)
                return url
            } catch let error as OutputFileError where error.kind == .exists {
                continue
            }
        }
        throw OutputFileError(path: folder.appendingPathComponent("\(stem).\(ext)").path, kind: .exists,
                              problem: "already exists, and so do the 10,000 numbered names after it", remedy: "prune old files")
    }

    /// Creates `folder` and any missing parent (as `mkdir -p`); a failure is a sentence naming it.
    public static func createFolder(_ folder: URL) throws {
        let path = folder.standardizedFileURL.path
        if FileKind.at(path) == .folder { return }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        if parent.path != path { try createFolder(parent) }
        guard mkdir(path, 0o777) == 0 || (errno == EEXIST && FileKind.at(path) == .folder) else {
            let code = errno
            if code == EEXIST, let kind = FileKind.at(path, followingLinks: false) {
                throw OutputFileError(path: path, kind: .notRegular, problem: "should be a folder but is \(kind.description)",
                                      remedy: "remove it or choose another folder")
            }
            throw OutputFileError(path: path, kind: .system, problem: "cannot be created as a folder (\(String(cString: strerror(code))))",
                                  remedy: "check that its parent exists and is writable")
        }
    }

    /// nil when `path` may be replaced (absent, or a regular file); else why not. A symbolic
    /// link at `path` is refused, not followed: give the path of the file itself.
    public static func problem(_ path: String) -> OutputFileError? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return errno == ENOENT ? nil : OutputFileError.system(path: path, errno: errno)
        }
        guard let kind = FileKind(mode: UInt32(info.st_mode)), kind != .regular else { return nil }
        if kind == .symbolicLink {
            return OutputFileError(path: path, kind: .symbolicLink, problem: "is a symbolic link, which the engine never follows for a file it writes",
                                   remedy: "give the path of the file itself, or remove the link")
        }
        return OutputFileError(path: path, kind: .notRegular, problem: "exists and is \(kind.description), not a regular file",
                               remedy: "the engine only replaces regular files; choose another path")
    }

    /// Opens `path` exclusively (never through a link), writes all of `data` and syncs it; on
    /// any failure the file is removed again.
    private static func writeExclusively(_ data: Data, creating path: String, reportedAs name: String, mode: UInt32? = nil) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST || code == ELOOP {
                throw OutputFileError(path: name, kind: .exists, problem: "already exists (or a link or node stands at \(path))",
                                      remedy: "the engine never overwrites it; remove it or choose another path")
            }
            throw OutputFileError.system(path: name, errno: code)
        }
        var failure: Int32?
        if let mode, fchmod(descriptor, mode_t(mode)) != 0 { failure = errno }
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while failure == nil, offset < buffer.count, let base = buffer.baseAddress {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if let failure {
            unlink(path)
            throw OutputFileError.system(path: name, errno: failure)
        }
    }

    /// The folder's entry for the new name reaches the disk too (best effort: some file systems refuse).
    private static func syncFolder(of path: String) {
        let descriptor = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// A file the engine refused or failed to write, in a sentence that names it and the remedy.
public struct OutputFileError: Error, CustomStringConvertible, LocalizedError, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Something other than a regular file stands at the path.
        case notRegular
        /// A symbolic link stands at the path.
        case symbolicLink
        /// The path exists and this write never replaces anything.
        case exists
        /// The operating system refused (no such folder, permission, disk full, …).
        case system
    }

    public let path: String
    public let kind: Kind
    public let problem: String
    public let remedy: String

    public init(path: String, kind: Kind, problem: String, remedy: String) {
        self.path = path
        self.kind = kind
        self.problem = problem
        self.remedy = remedy
    }

    static func system(path: String, errno code: Int32) -> OutputFileError {
        OutputFileError(path: path, kind: .system, problem: "cannot be written (\(String(cString: strerror(code))))",
                        remedy: "check that its folder exists and is writable and that the disk has space")
    }

    public var description: String { "\(path) was not written: it \(problem); \(remedy)." }
    public var errorDescription: String? { description }
}
