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

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output += String(format: "\\u%04x", scalar.value)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
