import Engine
import Foundation

/// The fields of the deployment's documents other than the state document: journal entries,
/// state writes and kept runs. Times are kept twice: ISO-8601 text for people and `…_unix`
/// seconds for the queries (one field filtered and ordered on, so no composite index is needed).
/// Reading is strict: a document this engine cannot read stops the caller with its path.
enum FirestoreRecords {
    // MARK: Journal

    static func fields(of entry: JournalEntry) -> JSONObject {
        var fields: JSONObject = [
            "client_order_id": .string(entry.clientOrderId), "run_id": .string(entry.runId), "kind": .string(entry.kind.rawValue),
            "purpose": .string(entry.purpose.rawValue), "symbol": .string(entry.symbol), "side": entry.side.map { .string($0.rawValue) } ?? .null,
            "requested_amount": .string(entry.requestedAmount), "size_is_quote": .bool(entry.sizeIsQuote),
            "decision_price": .double(entry.decisionPrice), "trade_date": .string(entry.tradeDate),
            "created_at": .string(entry.createdAt.isoWithOffset), "created_at_unix": .double(entry.createdAt.timeIntervalSince1970),
            "settled": false, "settled_at": .null, "settled_by_run": .null,
        ]
        if let outcome = entry.outcome { fields.merge(outcomeFields(outcome, at: entry.createdAt)) { $1 } }
        return fields
    }

    /// The fields an answer sets; a rejection is final, so it also settles the entry.
    static func outcomeFields(_ outcome: JournalOutcome, at now: Date) -> JSONObject {
        var fields: JSONObject = ["outcome": .string(outcome.label), "answered_at": .string(now.isoWithOffset)]
        switch outcome {
        case .answered(let fill):
            fields["outcome_detail"] = ""
            fields["order_id"] = .string(fill.orderId)
            fields["executed_qty"] = .double(fill.executedQuantity)
            fields["quote_qty"] = .double(fill.quoteQuantity)
            fields["commission_base"] = .double(fill.commissionInBaseAsset)
        case .rejected(let why):
            fields["outcome_detail"] = .string(why)
            fields.merge(settledFields(runId: nil, at: now)) { $1 }
        case .unknown(let why):
            fields["outcome_detail"] = .string(why)
        }
        return fields
    }

    static func settledFields(runId: String?, at now: Date) -> JSONObject {
        ["settled": true, "settled_at": .string(now.isoWithOffset), "settled_by_run": runId.map { .string($0) } ?? .null]
    }

    static func journalRow(_ document: NamedDocument) throws -> JournalRow {
        let fields = Reader(document)
        let outcome: JournalOutcome?
        switch try fields.optionalText("outcome") {
        case nil: outcome = nil
        case "REJECTED": outcome = .rejected(try fields.optionalText("outcome_detail") ?? "")
        case "UNKNOWN": outcome = .unknown(try fields.optionalText("outcome_detail") ?? "")
        case let label?:
            guard let status = OrderFill.Status(rawValue: label) else { throw fields.problem("outcome", "is not an order status this engine knows") }
            outcome = .answered(OrderFill(orderId: try fields.text("order_id"), status: status, executedQuantity: try fields.number("executed_qty"),
                                          quoteQuantity: try fields.number("quote_qty"), commissionInBaseAsset: try fields.number("commission_base")))
        }
        guard let kind = JournalEntry.Kind(rawValue: try fields.text("kind")) else { throw fields.problem("kind", "is not a journal kind") }
        guard let purpose = JournalEntry.Purpose(rawValue: try fields.text("purpose")) else { throw fields.problem("purpose", "is not a purpose") }
        let side: OrderSide?
        if let raw = try fields.optionalText("side") {
            guard let known = OrderSide(rawValue: raw) else { throw fields.problem("side", "is not BUY or SELL") }
            side = known
        } else {
            side = nil
        }
        let entry = JournalEntry(
            clientOrderId: document.path.document, runId: try fields.text("run_id"), kind: kind, purpose: purpose, symbol: try fields.text("symbol"),
            side: side, requestedAmount: try fields.text("requested_amount"), sizeIsQuote: try fields.flag("size_is_quote"),
            decisionPrice: try fields.number("decision_price"), tradeDate: try fields.text("trade_date"),
            createdAt: Date(timeIntervalSince1970: try fields.number("created_at_unix")), outcome: outcome)
        let settled = try fields.flag("settled")
        return JournalRow(entry: entry, settledAt: settled ? (try fields.optionalText("settled_at") ?? "") : nil)
    }

    // MARK: State writes

    /// One run's writes in one document: each write's reason, time and changed keys, and the
    /// document as the run left it (when small enough).
    static func fields(ofRunHistory rows: [StateHistoryRow], runId: String, at now: Date, document: String?) -> JSONObject {
        [
            "run_id": .string(runId), "written_at": .string(now.isoWithOffset), "written_at_unix": .double(now.timeIntervalSince1970),
            "writes": .array(rows.map { ["reason": .string($0.reason), "written_at": .string($0.writtenAt), "changed_keys": .string($0.changedKeys)] }),
            "document": document.map { .string($0) } ?? .null,
        ]
    }

    static func historyRows(_ document: NamedDocument) throws -> [StateHistoryRow] {
        let reader = Reader(document)
        let runId = try reader.text("run_id")
        guard let writes = document.fields["writes"]?.arrayValue else { throw reader.problem("writes", "is missing or not a list") }
        return try writes.map { write in
            guard let reason = write["reason"]?.stringValue, let writtenAt = write["written_at"]?.stringValue,
                  let changedKeys = write["changed_keys"]?.stringValue else {
                throw reader.problem("writes", "holds a write this engine cannot read")
            }
            return StateHistoryRow(runId: runId, reason: reason, writtenAt: writtenAt, changedKeys: changedKeys)
        }
    }

    // MARK: Kept runs

    static func fields(ofRun run: KeptRun, at now: Date) -> JSONObject {
        [
            "run_id": .string(run.runId), "started_at": .string(run.startedAt), "status": .string(run.status),
            "saved_at": .string(now.isoWithOffset), "saved_at_unix": .double(now.timeIntervalSince1970),
            "report": run.report.map { .string($0) } ?? .null, "calls": .array(run.calls.map(fields(ofCall:))),
            "inputs": run.inputs.map { .string($0) } ?? .null,
        ]
    }

    static func fields(ofCall call: CallRecord) -> JSONValue {
        var fields: JSONObject = [
            "at_unix": .double(call.at.timeIntervalSince1970), "peer": .string(call.peer), "method": .string(call.method), "path": .string(call.path),
            "latency_ms": .double(call.latencyMilliseconds), "outcome": .string(call.outcome.rawValue),
        ]
        if let status = call.status { fields["status"] = .int(Int64(status)) }
        if let code = call.code { fields["code"] = .int(Int64(code)) }
        if let weight = call.usedWeight { fields["used_weight"] = .int(Int64(weight)) }
        return .object(fields)
    }

    static func calls(_ document: NamedDocument) throws -> [CallRecord] {
        let fields = Reader(document)
        guard let items = document.fields["calls"]?.arrayValue else { return [] }
        return try items.map { item in
            guard let call = item.objectValue, let at = call["at_unix"]?.numberValue, let peer = call["peer"]?.stringValue,
                  let method = call["method"]?.stringValue, let path = call["path"]?.stringValue,
                  let latency = call["latency_ms"]?.numberValue, let outcome = call["outcome"]?.stringValue.flatMap(CallRecord.Outcome.init(rawValue:)) else {
                throw fields.problem("calls", "holds a call this engine cannot read")
            }
            return CallRecord(at: Date(timeIntervalSince1970: at), peer: peer, method: method, path: path, status: Self.integer(call["status"]),
                              code: Self.integer(call["code"]), latencyMilliseconds: latency, usedWeight: Self.integer(call["used_weight"]), outcome: outcome)
        }
    }

    /// A whole number in `Int`'s range, else nil (never a trap on an outside value).
    static func integer(_ value: JSONValue?) -> Int? {
        guard case .int(let number)? = value else { return nil }
        return Int(exactly: number)
    }

    /// Reads one document's fields, naming the document and field in every refusal.
    struct Reader {
        let document: NamedDocument

        init(_ document: NamedDocument) { self.document = document }

        func problem(_ field: String, _ what: String) -> FirestoreRecordError {
            FirestoreRecordError(path: document.path, field: field, problem: what)
        }

        func text(_ field: String) throws -> String {
            guard let value = document.fields[field]?.stringValue else { throw problem(field, "is missing or not text") }
            return value
        }

        func optionalText(_ field: String) throws -> String? {
            guard let value = document.fields[field], value != .null else { return nil }
            guard let text = value.stringValue else { throw problem(field, "is not text") }
            return text
        }

        func number(_ field: String) throws -> Double {
            switch document.fields[field] {
            case .double(let value)?: return value
            case .int(let value)?: return Double(value)
            default: throw problem(field, "is missing or not a number")
            }
        }

        func flag(_ field: String) throws -> Bool {
            guard let value = document.fields[field]?.boolValue else { throw problem(field, "is missing or not true/false") }
            return value
        }
    }
}

/// A document of the deployment (journal entry, state write, kept run) that this engine cannot
/// read. Nothing is decided on it.
public struct FirestoreRecordError: Error, Equatable, CustomStringConvertible {
    public let path: DocumentPath
    public let field: String
    public let problem: String
    public var description: String {
        "The Firestore document \(path) cannot be read: its field \(field) \(problem). Nothing was decided on it; "
            + "restore the document from Firestore's history or correct the field by hand, then run again."
    }
}
