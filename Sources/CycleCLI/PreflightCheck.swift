/// One line of `cycle validate-only`: what was checked, how it went, what to do about it.
struct PreflightCheck: Sendable {
    enum Outcome: String, Sendable {
        case pass = "✓", warn = "!", fail = "✗", skipped = "-"
    }

    let name: String
    let outcome: Outcome
    let detail: String
    /// Whether a failure blocks trading (warnings never do).
    let required: Bool

    static func pass(_ name: String, _ detail: String) -> PreflightCheck { .init(name: name, outcome: .pass, detail: detail, required: true) }
    static func fail(_ name: String, _ detail: String) -> PreflightCheck { .init(name: name, outcome: .fail, detail: detail, required: true) }
    static func warn(_ name: String, _ detail: String) -> PreflightCheck { .init(name: name, outcome: .warn, detail: detail, required: false) }
    static func skipped(_ name: String, _ detail: String) -> PreflightCheck { .init(name: name, outcome: .skipped, detail: detail, required: false) }

    var blocksTrading: Bool { required && outcome == .fail }

    var line: String {
        "  \(outcome.rawValue) \(name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(detail)"
    }
}
