/// A run id becomes a file name (`reports/<run id>.json`) and part of every client order id, so
/// one given on the command line is held to a safe alphabet: 1…128 of `A-Z a-z 0-9 . _ -`, not
/// starting with `.` (no path separator, no `..`, no hidden file).
enum RunIdRule {
    static let maximumLength = 128
    static let alphabet = "letters A-Z and a-z, digits 0-9, '.', '_' and '-'"

    /// nil when `runId` may be used; else the sentence for exit 64.
    static func problem(_ runId: String) -> String? {
        let allowed = runId.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || ".-_".unicodeScalars.contains(scalar))
        }
        guard !runId.isEmpty, runId.unicodeScalars.count <= maximumLength, allowed, !runId.hasPrefix(".") else {
            return "--run-id must be 1 to \(maximumLength) characters of \(alphabet), not starting with '.'; "
                + "it names the report file and goes into every client order id"
        }
        return nil
    }
}
