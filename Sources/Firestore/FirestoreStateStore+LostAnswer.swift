import Engine
import Foundation

/// A commit whose answer never arrived (a timeout, a dropped connection, a 5xx such as
/// `DEADLINE_EXCEEDED`) may or may not have been applied. A state write's commit carries a
/// precondition on the version this run holds, so reading the document again tells which:
///
/// - it still has that version: nothing was applied, and the same commit is sent once more —
///   safe for the same reason, it can only apply over that version;
/// - it holds exactly what was sent, under a new version: the commit was applied, and that
///   version becomes this run's (the journal entries it settled were in the same atomic commit);
/// - anything else: another writer changed it, and the cycle stops as for any such change.
///
/// (Another writer storing exactly the same document would be taken for this run's write,
/// which is harmless: the document then holds what this run meant to store.)
///
/// A commit that only settles journal entries is sent once more as it is: marking an entry
/// settled twice leaves it the same. A journal intent is checked the same way
/// (`createJournalEntry`); an order's answer, recorded as a field update, is sent once more.
extension FirestoreStateStore {
    func commitState(_ writes: [FirestoreWrite], sending document: JSONValue?, over heldVersion: String?) async throws -> [String] {
        try await sendFindingLostAnswer(to: path) {
            try await client.commit(writes, operation: "write \(path)")
        } landed: {
            try await versionHolding(document, over: heldVersion).map { [$0] + Array(repeating: "", count: writes.count - 1) }
        }
    }

    /// A journal intent whose answer is lost, found the same way: the entry read back as sent was
    /// created (the order may go out); no entry was not, and it is created once more, again only
    /// if it does not exist. An entry with other content is never taken for this one.
    func createJournalEntry(at entryPath: DocumentPath, fields: JSONObject) async throws {
        _ = try await sendFindingLostAnswer(to: entryPath) {
            try await client.write(entryPath, fields: fields, precondition: .mustNotExist)
        } landed: {
            guard let current = try await client.get(entryPath), JSONValue.object(current.fields) == .object(fields) else { return nil }
            return current.updateTime
        }
    }

    /// The rule above, once: `send`; when its answer is lost, `landed` tells whether it was applied
    /// anyway (its answer) or not (nil: sent once more, and looked for again if that one is refused
    /// because the first landed meanwhile).
    private func sendFindingLostAnswer<Answer>(to written: DocumentPath, _ send: () async throws -> Answer,
                                               landed: () async throws -> Answer?) async throws -> Answer {
        do {
            return try await send()
        } catch let lost as FirestoreError where lost.isTransient {
            if let applied = try await landed() { return noteApplied(applied, to: written, after: lost) }
            do {
                return try await send()
            } catch let refused as FirestoreError where refused.kind == .preconditionFailed {
                guard let applied = try await landed() else { throw refused }
                return noteApplied(applied, to: written, after: lost)
            }
        }
    }

    /// The document's new version when Firestore holds exactly `document` under a version other
    /// than `heldVersion`; nil when it does not (or when only journal entries were sent).
    private func versionHolding(_ document: JSONValue?, over heldVersion: String?) async throws -> String? {
        guard let document, let current = try await client.get(path), current.updateTime != heldVersion,
              JSONValue.object(current.fields) == document else { return nil }
        return current.updateTime
    }

    private func noteApplied<Answer>(_ answer: Answer, to written: DocumentPath, after lost: FirestoreError) -> Answer {
        client.logger.notice("firestore write answer lost, the write was applied", metadata: [
            "http.endpoint": .string("write \(written)"), "http.status": "\(lost.httpStatus.map(String.init) ?? "none")",
        ])
        return answer
    }
}
