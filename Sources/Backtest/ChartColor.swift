import Foundation

/// Series colours end up inside SVG attributes of a page that must not reach the network, so a
/// colour is accepted only in a form that cannot smuggle anything in (no `url(...)`, no quotes):
/// `#rgb`/`#rgba`/`#rrggbb`/`#rrggbbaa`, a plain colour name, or an `rgb()/rgba()/hsl()/hsla()`
/// call with numbers. Anything else is replaced by a palette colour.
public enum ChartColor {
    /// Distinct, print-friendly colours used when a series' colour is unusable.
    public static let palette = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#57606a"]

    /// `text` (trimmed) if it is a safe colour, else `palette[index % palette.count]`.
    public static func sanitized(_ text: String, fallbackIndex index: Int) -> String {
        let color = text.trimmingCharacters(in: .whitespaces)
        if isHex(color) || isName(color) || isFunction(color) { return color }
        return palette[(index % palette.count + palette.count) % palette.count]
    }

    static func isHex(_ color: String) -> Bool {
        guard color.hasPrefix("#") else { return false }
        let digits = color.dropFirst()
        return [3, 4, 6, 8].contains(digits.count) && digits.allSatisfy(\.isHexDigit)
    }

    static func isName(_ color: String) -> Bool {
        (1...40).contains(color.count) && color.allSatisfy { $0.isASCII && $0.isLetter }
    }

    static func isFunction(_ color: String) -> Bool {
        guard color.count <= 60, color.hasSuffix(")"),
              let open = color.firstIndex(of: "("), ["rgb", "rgba", "hsl", "hsla"].contains(color[..<open].lowercased())
        else { return false }
        let arguments = color[color.index(after: open)..<color.index(before: color.endIndex)]
        return arguments.allSatisfy { $0.isASCII && ($0.isNumber || " ,.%/".contains($0) || $0 == "d" || $0 == "e" || $0 == "g") }
    }
}
