import Foundation

/// The committed seed corpus (`Fuzz/corpus/<target>/`) and the inputs that once crashed
/// (`Fuzz/regressions/<target>/`), read as files.
public enum FuzzCorpus {
    /// Every regular file at `url` (the file itself, or the files under a folder), sorted.
    public static func files(at url: URL) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [url] }
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().map { url.appendingPathComponent($0) }.filter { file in
            var nested: ObjCBool = false
            return FileManager.default.fileExists(atPath: file.path, isDirectory: &nested) && !nested.boolValue
        }
    }
}
