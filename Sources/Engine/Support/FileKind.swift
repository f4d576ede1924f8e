import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What stands at a path, from `stat`'s mode bits.
public enum FileKind: Sendable, Equatable {
    case regular, folder, symbolicLink, fifo, characterDevice, blockDevice, socket

    public init?(mode: UInt32) {
        switch mode & 0o170_000 {
        case 0o100_000: self = .regular
        case 0o040_000: self = .folder
        case 0o120_000: self = .symbolicLink
        case 0o010_000: self = .fifo
        case 0o020_000: self = .characterDevice
        case 0o060_000: self = .blockDevice
        case 0o140_000: self = .socket
        default: return nil
        }
    }

    /// The kind of `path`, following links (`lstat` semantics when `followingLinks` is false); nil when it cannot be examined.
    public static func at(_ path: String, followingLinks: Bool = true) -> FileKind? {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        return FileKind(mode: UInt32(info.st_mode))
    }

    public var description: String {
        switch self {
        case .regular: "a regular file"
        case .folder: "a folder"
        case .symbolicLink: "a symbolic link"
        case .fifo: "a FIFO (named pipe)"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .socket: "a socket"
        }
    }
}
