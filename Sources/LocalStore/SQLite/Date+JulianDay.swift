import Foundation

extension Date {
    /// The instant as SQLite's `julianday()` reads the store's ISO-8601 times (days since
    /// noon UTC, 24 November 4714 BC), so times are compared as instants, never as text.
    var julianDay: Double { timeIntervalSince1970 / 86_400 + 2_440_587.5 }
}
