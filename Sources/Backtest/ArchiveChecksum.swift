import Engine
import Foundation

/// Binance's public archive ships `X.zip.CHECKSUM` beside each `X.zip`: one line in sha256sum's
/// format, `<sha256 in hex>  X.zip`. When a data file has such a file beside it, its bytes must
/// have that digest; a file without one is read as before (files made by other tools have none).
enum ArchiveChecksum {
    static let suffix = ".CHECKSUM"

    static func verify(_ bytes: Data, of url: URL) throws {
        let path = url.path + suffix
        guard FileManager.default.fileExists(atPath: path) else { return }
        let expected = try stated(in: path, for: url.lastPathComponent)
        let actual = hex(SHA256.digest(Array(bytes)))
        guard actual == expected else {
            throw BacktestInputError(path: url.path, problem: "has sha256 \(actual), not the \(expected) that \(url.lastPathComponent)\(suffix) states",
                                     remedy: "download the file and its \(suffix) again")
        }
    }

    /// The lowercase digest a checksum file states for `name`.
    static func stated(in path: String, for name: String) throws -> String {
        let text: String
        do {
            text = String(decoding: try InputFile.read(path, sizeProblem: { $0 > 4_096 ? "is \($0) bytes, too large for a checksum line" : nil }), as: UTF8.self)
        } catch let error as InputFile.Problem {
            throw BacktestInputError(path: path, problem: error.problem, remedy: "download it again beside its file, or remove it")
        }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard let digest = fields.first, digest.count == 64, digest.allSatisfy(\.isHexDigit) else {
            throw BacktestInputError(path: path, problem: "does not start with a sha256 in hex (64 hex digits)",
                                     remedy: "download it again beside its file, or remove it")
        }
        // sha256sum marks a binary-mode name with a leading `*`.
        if fields.count > 1, fields[1].drop(while: { $0 == "*" }) != name[...] {
            throw BacktestInputError(path: path, problem: "is the checksum of \(fields[1]), not of \(name)",
                                     remedy: "download the right .CHECKSUM beside \(name), or remove it")
        }
        return digest.lowercased()
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
