import Engine
import Foundation
import ZIPFoundation

/// The csv text of one archive file: a `.csv` as it is, or the csv inside a `.zip` with its
/// CRC-32 checked against the one the zip records (ZIPFoundation computes it while extracting
/// but leaves the comparison to the caller). The file's bytes are read once, so what the
/// `.CHECKSUM` beside it vouches for is what is parsed.
enum ArchiveFileContents {
    static func csv(of url: URL) throws -> Data {
        // A FIFO or device named like a data month is refused as what it is; opening it never blocks.
        if let kind = FileKind.at(url.path), kind != .regular {
            throw BacktestInputError(path: url.path, problem: "is \(kind.description), not a regular file",
                                     remedy: "replace it with the archive's file (a regular .csv or .zip), or remove it")
        }
        let bytes: Data
        do {
            bytes = try InputFile.read(url.path)
        } catch let error as InputFile.Problem {
            throw BacktestInputError(path: url.path, problem: error.problem, remedy: "replace it with the archive's file (a regular .csv or .zip)")
        }
        try ArchiveChecksum.verify(bytes, of: url)
        return url.pathExtension == "zip" ? try unzippedCSV(bytes, of: url) : bytes
    }

    /// The first `.csv` entry of a zip, refused when its CRC-32 differs from the recorded one.
    static func unzippedCSV(_ bytes: Data, of url: URL) throws -> Data {
        do {
            let archive = try Archive(data: bytes, accessMode: .read)
            guard let entry = archive.first(where: { $0.path.hasSuffix(".csv") }) else {
                throw BacktestInputError(path: url.path, problem: "holds no .csv", remedy: "replace it with the archive's original zip")
            }
            var csv = Data()
            let computed = try archive.extract(entry, skipCRC32: false) { csv.append($0) }
            guard computed == entry.checksum else {
                throw BacktestInputError(
                    path: url.path,
                    problem: "holds \(entry.path) whose contents have CRC-32 \(hex(computed)), not the \(hex(entry.checksum)) the zip records (the zip is corrupt)",
                    remedy: "download the file again")
            }
            return csv
        } catch let error as BacktestInputError {
            throw error
        } catch {
            throw BacktestInputError(path: url.path, problem: "cannot be read as a zip (\(error))", remedy: "download the file again")
        }
    }

    static func hex(_ crc: CRC32) -> String {
        let digits = String(crc, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
