import GRDB

extension StateDatabase {
    /// The accounts this store knows: every account with a state document, a kept report, a
    /// journal entry or a lease (a cycle running now, or one that crashed), sorted. A dry run
    /// leaves no trace, so an account that only ever ran dry is not among them.
    public func accounts() async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT account FROM state_document
                UNION SELECT account FROM execution_report
                UNION SELECT account FROM order_journal
                UNION SELECT account FROM lease
                ORDER BY account
                """)
        }
    }
}
