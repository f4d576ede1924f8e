import Engine
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 21 item 5: every file the engine writes by name follows no link, replaces only a
/// regular file, and leaves nothing half-written behind.
@Suite struct OutputFileTests {
    func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("output-file-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func replaceWritesTheContentsAndLeavesNoTemporary() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("metrics.prom")
        try OutputFile.replace(file.path, with: Data("first\n".utf8))
        try OutputFile.replace(file.path, with: Data("second\n".utf8))
        #expect(try String(contentsOf: file, encoding: .utf8) == "second\n")
        #expect(try names(in: folder) == ["metrics.prom"])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        try OutputFile.replace(file.path, with: Data("third\n".utf8))
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600, "a replaced file keeps its permissions")
    }

    /// The old code wrote `.FILE.tmp` through whatever stood there; now every temporary name is
    /// random and created exclusively, and no name planted beforehand is ever written through.
    @Test func aLinkPlantedAtTheOldTemporaryNameRedirectsNothing() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("precious\n".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(".metrics.prom.tmp").path, withDestinationPath: victim.path)
        try OutputFile.replace(folder.appendingPathComponent("metrics.prom").path, with: Data("figures\n".utf8))
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("metrics.prom"), encoding: .utf8) == "figures\n")
        #expect(try names(in: folder) == [".metrics.prom.tmp", "metrics.prom", "victim.txt"])
    }

    @Test func aSymbolicLinkAtTheFileIsRefusedInASentenceAndItsTargetUntouched() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("precious\n".utf8).write(to: victim)
        let link = folder.appendingPathComponent("report.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: victim.path)
        let error = #expect(throws: OutputFileError.self) { try OutputFile.replace(link.path, with: Data("x".utf8)) }
        #expect(error?.kind == .symbolicLink)
        #expect(error?.description.hasPrefix("\(link.path) was not written: it is a symbolic link") == true)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == victim.path)
        #expect(try names(in: folder) == ["report.json", "victim.txt"], "no temporary left behind")
    }

    @Test func aFIFOAtTheFileIsRefusedInASentenceAndNeverOpened() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("metrics.prom")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let error = #expect(throws: OutputFileError.self) { try OutputFile.replace(fifo.path, with: Data("x".utf8)) }
        #expect(error?.kind == .notRegular)
        #expect(error?.description == "\(fifo.path) was not written: it exists and is a FIFO (named pipe), not a regular file; "
            + "the engine only replaces regular files; choose another path.")
        #expect(FileKind.at(fifo.path, followingLinks: false) == .fifo, "still the FIFO")
        #expect(try names(in: folder) == ["metrics.prom"])
    }

    @Test func aDeviceOrAFolderAtTheFileIsRefused() throws {
        let device = #expect(throws: OutputFileError.self) { try OutputFile.replace("/dev/null", with: Data("x".utf8)) }
        #expect(device?.description.contains("is a character device, not a regular file") == true)
        #expect(FileKind.at("/dev/null", followingLinks: false) == .characterDevice)
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: OutputFileError.self) { try OutputFile.replace(folder.path, with: Data("x".utf8)) }
        #expect(error?.description.contains("is a folder, not a regular file") == true)
        #expect(try names(in: folder) == [])
    }

    @Test func aMissingFolderIsASentenceWithoutCocoaText() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString)/metrics.prom").path
        let error = #expect(throws: OutputFileError.self) { try OutputFile.replace(path, with: Data("x".utf8)) }
        #expect(error?.kind == .system)
        #expect(error?.description == "\(path) was not written: it cannot be written (No such file or directory); "
            + "check that its folder exists and is writable and that the disk has space.")
        #expect(error?.localizedDescription == error?.description)
        #expect(error?.description.contains("NSCocoaErrorDomain") == false)
    }

    /// Reports are never overwritten: the next free numbered name, and a link planted at the
    /// report's name is skipped, not followed.
    @Test func createNumberedNeverOverwritesNorFollowsALink() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("precious\n".utf8).write(to: victim)
        let first = try OutputFile.createNumbered(in: folder, stem: "run-1", extension: "json", with: Data("one\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("run-1.2.json").path, withDestinationPath: victim.path)
        let third = try OutputFile.createNumbered(in: folder, stem: "run-1", extension: "json", with: Data("two\n".utf8))
        #expect(first.lastPathComponent == "run-1.json")
        #expect(third.lastPathComponent == "run-1.3.json")
        #expect(try String(contentsOf: first, encoding: .utf8) == "one\n")
        #expect(try String(contentsOf: third, encoding: .utf8) == "two\n")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        let existing = #expect(throws: OutputFileError.self) { try OutputFile.create(first.path, with: Data("x".utf8)) }
        #expect(existing?.kind == .exists)
    }

    @Test func aPathThroughAPlainFileFailsAndLeavesNothing() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Its "folder" is a plain file: the create fails (ENOTDIR) and nothing is left behind.
        let notAFolder = folder.appendingPathComponent("plain")
        try Data().write(to: notAFolder)
        #expect(throws: OutputFileError.self) { try OutputFile.replace(notAFolder.appendingPathComponent("x.json").path, with: Data("x".utf8)) }
        #expect(try names(in: folder) == ["plain"])
    }

    /// Issue 21 item 13: a FIFO named like a data month is refused as what it is, without blocking.
    @Test func inputFileRefusesAFIFOWithoutBlocking() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("BTCUSDT-1h-2024-01.csv")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let error = #expect(throws: InputFile.Problem.self) { try InputFile.read(fifo.path) }
        #expect(error?.description == "\(fifo.path) is a FIFO (named pipe), not a regular file")
        let file = folder.appendingPathComponent("ok.csv")
        try Data("a,b\n".utf8).write(to: file)
        #expect(try InputFile.read(file.path) == Data("a,b\n".utf8))
    }
}
