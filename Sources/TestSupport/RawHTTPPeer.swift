import Foundation
#if canImport(Glibc)
import Glibc
private let streamSocket = Int32(SOCK_STREAM.rawValue)
private let noSignal = Int32(MSG_NOSIGNAL)
#else
import Darwin
private let streamSocket = SOCK_STREAM
private let noSignal: Int32 = 0
#endif

/// A hostile HTTP peer on 127.0.0.1 written on plain sockets (FlyingFox answers whole bodies):
/// it answers every request with status 200 and a body that either trickles (one byte per
/// `interval`) or floods (as fast as the socket takes it, up to a declared length). It counts
/// what it managed to send; a client that stops reading makes its writes fail, and it stops.
public final class RawHTTPPeer: @unchecked Sendable {
    public enum Behaviour: Sendable {
        case trickle(declaredLength: Int, interval: TimeInterval)
        case flood(declaredLength: Int)
    }

    public let port: UInt16
    private let behaviour: Behaviour
    private let listener: Int32
    private let lock = NSLock()
    private var stopped = false
    private var requestLines: [String] = []
    private var bodyBytesSent = 0

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    /// The first line of every request received (`GET /ping/abc HTTP/1.1`).
    public var requests: [String] { lock.withLock { requestLines } }
    /// Body bytes the socket accepted, over all connections.
    public var bytesSent: Int { lock.withLock { bodyBytesSent } }

    public init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        let fd = socket(AF_INET, streamSocket, 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 8) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = UInt16(bigEndian: address.sin_port)
        listener = fd
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Stops accepting and ends every answer in progress.
    public func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        while !isStopped {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            #if canImport(Darwin)
            var yes: Int32 = 1
            setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
            #endif
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 16_384, !request.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            request += buffer.prefix(count)
        }
        let firstLine = String(decoding: request, as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
        lock.withLock { requestLines.append(firstLine) }
        let declared: Int = switch behaviour {
        case .trickle(let length, _), .flood(let length): length
        }
        guard sendAll(Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(declared)\r\n\r\n".utf8), on: connection) else { return }
        switch behaviour {
        case .trickle(let length, let interval):
            for _ in 0..<length where !isStopped {
                guard sendAll([UInt8(ascii: "o")], on: connection) else { return }
                lock.withLock { bodyBytesSent += 1 }
                Thread.sleep(forTimeInterval: interval)
            }
        case .flood(let length):
            let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 65_536)
            var left = length
            while left > 0, !isStopped {
                let piece = Array(chunk.prefix(left))
                guard sendAll(piece, on: connection) else { return }
                left -= piece.count
                lock.withLock { bodyBytesSent += piece.count }
            }
        }
    }

    /// Writes all of `bytes`; false once the client is gone (no SIGPIPE).
    private func sendAll(_ bytes: [UInt8], on connection: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBufferPointer { send(connection, $0.baseAddress, $0.count, noSignal) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
