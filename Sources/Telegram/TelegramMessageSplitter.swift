import Foundation

/// Cuts a message into pieces Telegram accepts (at most 4,096 characters each), at line
/// boundaries where possible; a single longer line is cut at character boundaries.
public enum TelegramMessageSplitter {
    public static let limit = 4096

    /// Lengths are counted in UTF-16 code units, as Telegram counts them, so emoji never push a piece over.
    public static func split(_ text: String, limit: Int = TelegramMessageSplitter.limit) -> [String] {
        guard text.utf16.count > limit else { return [text] }
        var pieces: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            for chunk in cut(line, limit: limit) {
                let joined = current.isEmpty ? chunk : current + "\n" + chunk
                if joined.utf16.count <= limit {
                    current = joined
                } else {
                    pieces.append(current)
                    current = chunk
                }
            }
        }
        if !current.isEmpty || pieces.isEmpty { pieces.append(current) }
        return pieces
    }

    /// A line longer than `limit`, cut into pieces that each fit.
    private static func cut(_ line: String, limit: Int) -> [String] {
        guard line.utf16.count > limit else { return [line] }
        var chunks: [String] = []
        var chunk = ""
        for character in line {
            if chunk.utf16.count + String(character).utf16.count > limit {
                chunks.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { chunks.append(chunk) }
        return chunks
    }
}
