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
        let operation = "write \(path)"
        do {
            return try await client.commit(writes, operation: operation)
        } catch let lost as FirestoreError where lost.isTransient {
            if let applied = try await versionHolding(document, over: heldVersion) {
                return adopt(applied, of: writes, after: lost)
            }
            do {
                return try await client.commit(writes, operation: operation)
            } catch let refused as FirestoreError where refused.kind == .preconditionFailed {
                // The first commit landed after all, while the second was on its way.
                guard let applied = try await versionHolding(document, over: heldVersion) else { throw refused }
                return adopt(applied, of: writes, after: lost)
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

    private func adopt(_ version: String, of writes: [FirestoreWrite], after lost: FirestoreError) -> [String] {
        noteApplied(path, after: lost)
        return [version] + Array(repeating: "", count: writes.count - 1)
    }

    /// A journal intent whose answer is lost, found the same way: the entry read back as sent was
    /// created (the order may go out); no entry was not, and it is created once more, again only
    /// if it does not exist. An entry with other content is never taken for this one.
    func createJournalEntry(at entryPath: DocumentPath, fields: JSONObject) async throws {
        do {
            _ = try await client.write(entryPath, fields: fields, precondition: .mustNotExist)
        } catch let lost as FirestoreError where lost.isTransient {
            if try await entry(at: entryPath, holds: fields) { return noteApplied(entryPath, after: lost) }
            do {
                _ = try await client.write(entryPath, fields: fields, precondition: .mustNotExist)
            } catch let refused as FirestoreError where refused.kind == .preconditionFailed {
                guard try await entry(at: entryPath, holds: fields) else { throw refused }
                noteApplied(entryPath, after: lost)
            }
        }
    }

    private func entry(at entryPath: DocumentPath, holds fields: JSONObject) async throws -> Bool {
        guard let current = try await client.get(entryPath) else { return false }
        return JSONValue.object(current.fields) == .object(fields)
    }

    private func noteApplied(_ written: DocumentPath, after lost: FirestoreError) {
        client.logger.notice("firestore write answer lost, the write was applied", metadata: [
            "http.endpoint": .string("write \(written)"), "http.status": "\(lost.httpStatus.map(String.init) ?? "none")",
        ])
    }
}
