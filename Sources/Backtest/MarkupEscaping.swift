/// Text placed into the SVG chart and the HTML report comes from outside (series names, dates,
/// table cells, notes), so it is escaped in one place for both. The SVG must also parse as XML,
/// which forbids most control characters even when escaped, so those are dropped.
public enum MarkupEscaping {
    /// `text` safe as element content and as a single- or double-quoted attribute value.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default:
                if isAllowedInXML(scalar) { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped
    }

    /// XML 1.0's `Char` production: tab, newline, carriage return and everything from U+0020
    /// except the two non-characters U+FFFE and U+FFFF (Swift strings hold no lone surrogates).
    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
