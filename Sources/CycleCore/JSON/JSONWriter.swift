import Foundation

/// Writes JSON deterministically: two-space indent, floats in their shortest round-trip form
/// with a decimal point (`1030.0`, `0.19`) like Python's `json.dumps`. Reports and requests
/// sort their keys; documents kept for someone else (the state document, a published
/// payload) keep the order they were read in.
public enum JSONWriter {
    public enum KeyOrder: Sendable {
        /// Keys sorted: the same bytes whatever order an object was built in.
        case sorted
        /// A document kept for someone else, written back as it was stored: keys in the object's
        /// own order (as read, new keys last), and Python's `NaN` / `Infinity` tokens (which the
        /// original engine writes and the reader accepts) written back as those tokens.
        case asStored
    }

    public static func string(_ value: JSONValue, pretty: Bool = true, keys: KeyOrder = .sorted) -> String {
        var output = ""
        write(value, into: &output, indent: pretty ? 0 : nil, keys: keys)
        return output
    }

    private static func write(_ value: JSONValue, into output: inout String, indent: Int?, keys order: KeyOrder) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number) where !number.isFinite && order == .asStored:
            output += number.isNaN ? "NaN" : (number > 0 ? "Infinity" : "-Infinity")
        case .double(let number): output += format(number)
        case .string(let text): writeString(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "["
            for (position, item) in items.enumerated() {
                if position > 0 { output += "," }
                newline(&output, indent.map { $0 + 1 })
                write(item, into: &output, indent: indent.map { $0 + 1 }, keys: order)
            }
            newline(&output, indent)
            output += "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            let keys = order == .sorted ? members.keys.sorted() : Array(members.keys)
            for (position, key) in keys.enumerated() {
                if position > 0 { output += "," }
                newline(&output, indent.map { $0 + 1 })
                writeString(key, into: &output)
                output += indent == nil ? ":" : ": "
                write(members[key] ?? .null, into: &output, indent: indent.map { $0 + 1 }, keys: order)
            }
            newline(&output, indent)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, _ indent: Int?) {
        guard let indent else { return }
        output += "\n" + String(repeating: "  ", count: indent)
    }

    /// Shortest round-trip text; non-finite values (never valid in our documents) become null.
    public static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e16 {
            return String(format: "%.1f", number)
        }
        return "\(number)"
    }

    /// Appends `text` quoted, escaping only `"`, `\` and control characters; the bytes between them
    /// are copied as one run. The escaped bytes are ASCII, so every run starts and ends on a
    /// Unicode scalar boundary, even where a quote and a combining mark make one `Character`;
    /// runs are copied from the UTF-8 view, so no `Character` boundary is involved.
    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                output += String(decoding: utf8[runStart..<index], as: UTF8.self)
                output += escaped(byte)
                index = utf8.index(after: index)
                runStart = index
            } else {
                index = utf8.index(after: index)
            }
        }
        output += String(decoding: utf8[runStart..<utf8.endIndex], as: UTF8.self)
        output += "\""
    }

    private static func escaped(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
