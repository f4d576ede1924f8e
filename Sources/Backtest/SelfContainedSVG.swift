import Foundation

/// The HTML report promises no script and no external URL, but it embeds SVG markup it did not
/// write itself. Rather than trust the caller, the markup is checked for the ways an SVG can run
/// code or fetch something (script, event handlers, links, `url(...)`, imports, foreign HTML) and
/// left out if any is present. The check is deliberately blunt: a false alarm only drops the chart.
public enum SelfContainedSVG {
    /// Namespace names that look like URLs but are identifiers, never fetched.
    public static let namespaceURIs = ["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]

    /// `svg` without a leading XML declaration, or nil if it is not one `<svg>` element free of
    /// active or external content.
    public static func embeddable(_ svg: String) -> String? {
        var markup = svg.trimmingCharacters(in: .whitespacesAndNewlines)
        if markup.hasPrefix("<?xml"), let end = markup.range(of: "?>") {
            markup = String(markup[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard markup.hasPrefix("<svg"), markup.hasSuffix("</svg>") else { return nil }
        var lowered = markup.lowercased()
        for namespace in namespaceURIs { lowered = lowered.replacingOccurrences(of: namespace, with: "") }
        let forbidden = ["<script", "<foreignobject", "<iframe", "<image", "<use", "<a ", "<a>", "<!doctype", "<!entity",
                         "href", "url(", "@import", "javascript:", "http:", "https:"]
        guard !forbidden.contains(where: lowered.contains), !hasEventHandler(lowered) else { return nil }
        return markup
    }

    /// Whether an attribute such as `onload=` appears: whitespace, "on", letters, optional spaces, "=".
    static func hasEventHandler(_ lowered: String) -> Bool {
        let characters = Array(lowered.unicodeScalars)
        var index = 0
        while index + 2 < characters.count {
            defer { index += 1 }
            guard characters[index].properties.isWhitespace, characters[index + 1] == "o", characters[index + 2] == "n" else { continue }
            var cursor = index + 3
            while cursor < characters.count, ("a"..."z").contains(characters[cursor]) { cursor += 1 }
            guard cursor > index + 3 else { continue }
            while cursor < characters.count, characters[cursor].properties.isWhitespace { cursor += 1 }
            if cursor < characters.count, characters[cursor] == "=" { return true }
        }
        return false
    }
}
