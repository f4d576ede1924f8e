import Engine
import Foundation
import GRDB
@testable import LocalStore
import Testing

/// Issue 21.1: an operator command acts on the account cron trades, or refuses naming the accounts.
@Suite struct AccountChoiceTests {
    let path = "/srv/state/cycle.sqlite"

    func choose(_ requested: String?, _ present: [String], default environment: String = "paper",
                _ intent: AccountChoice.Intent) throws(AccountRefusal) -> AccountChoice {
        try AccountChoice.resolve(requested: requested, present: present, environmentDefault: environment, intent: intent, storePath: path)
    }

    @Test func theOnlyAccountInTheStoreIsTheOneWhateverTheEnvironmentImplies() throws {
        for intent in [AccountChoice.Intent.read, .write(creating: false), .write(creating: true)] {
            #expect(try choose(nil, ["binance"], default: "paper", intent) == AccountChoice(account: "binance", isNew: false))
        }
    }

    @Test func severalAccountsNeedAccountAndTheRefusalNamesThemAll() throws {
        #expect(throws: AccountRefusal.several(["binance", "paper"], storePath: path)) { try choose(nil, ["binance", "paper"], .read) }
        let text = AccountRefusal.several(["binance", "paper"], storePath: path).description
        #expect(text.contains("binance, paper") && text.contains("--account"))
        #expect(try choose("paper", ["binance", "paper"], .write(creating: false)).account == "paper")
    }

    @Test func anAccountTheStoreDoesNotKnowIsRefusedUnlessCreationIsAsked() throws {
        #expect(throws: AccountRefusal.self) { try choose("typo", ["binance"], .read) }
        #expect(throws: AccountRefusal.self) { try choose("typo", ["binance"], .write(creating: false)) }
        #expect(try choose("typo", ["binance"], .write(creating: true)) == AccountChoice(account: "typo", isNew: true))
        let text = AccountRefusal.unknown("typo", present: ["binance"], storePath: path, canCreate: true).description
        #expect(text.contains("typo") && text.contains("accounts there: binance") && text.contains("--account binance") && text.contains("--create-account"))
        #expect(!AccountRefusal.unknown("typo", present: ["binance"], storePath: path, canCreate: false).description.contains("--create-account"))
    }

    @Test func anEmptyStoreIsReadAsTheEnvironmentsAccountButWrittenOnlyWhenCreationIsAsked() throws {
        #expect(try choose(nil, [], default: "binance", .read) == AccountChoice(account: "binance", isNew: true))
        #expect(throws: AccountRefusal.unknown("binance", present: [], storePath: path, canCreate: true)) {
            try choose(nil, [], default: "binance", .write(creating: false))
        }
        #expect(try choose(nil, [], default: "binance", .write(creating: true)).account == "binance")
    }

    /// Which accounts a store knows: a document, a kept report, a journal entry or a lease (a cycle running now).
    @Test func theStoreListsEveryAccountWithADocumentAReportOrAJournalEntry() async throws {
        let database = try StateDatabase.inMemory()
        #expect(try await database.accounts().isEmpty)
        let now = Date()
        let binance = SQLiteStateStore(database: database, account: "binance")
        _ = try await binance.acquireLease(LeaseRequest(holder: LeaseHolder(runId: "r", host: "h", processId: 1, acquiredAt: now,
                                                                            expiresAt: now.addingTimeInterval(60)), now: now))
        #expect(try await database.accounts() == ["binance"], "a running cycle's account, before it wrote anything")
        try await binance.write(StateWrite(document: ["a": 1], reason: "x", runId: "r", at: now))
        try await SQLiteStateStore(database: database, account: "paper").keepRun(KeptRun(runId: "p", startedAt: now.isoWithOffset, status: "ok", report: "{}", calls: []))
        try await SQLiteStateStore(database: database, account: "other").recordIntent(JournalEntry(
            clientOrderId: "x1", runId: "r", kind: .order, purpose: .trendBuy, symbol: "ETHUSDT", side: .buy, requestedAmount: "10", sizeIsQuote: true,
            decisionPrice: 1, tradeDate: "2026-01-01", createdAt: now))
        #expect(try await database.accounts() == ["binance", "other", "paper"])
    }
}

/// Issue 21.9: a state document over 1 MiB is refused on load and on write, naming its size.
@Suite struct StateDocumentSizeTests {
    @Test func anOversizedStoredDocumentIsRefusedNamingItsSizeAndLeftAsItIs() async throws {
        let store = SQLiteStateStore(database: try StateDatabase.inMemory(), account: "paper")
        let big = "{\"pad\":\"" + String(repeating: "x", count: StateDocumentSize.maximumBytes) + "\"}"
        try await store.database.writer.write { db in
            try db.execute(sql: "INSERT INTO state_document VALUES ('paper', ?, 'r0', 'then')", arguments: [big])
        }
        do {
            _ = try await store.load()
            Issue.record("a document of \(big.utf8.count) bytes was accepted")
        } catch let error as StoredDocumentError {
            #expect(error.description.contains("\(big.utf8.count) bytes") && error.description.contains("1 MiB"))
        }
        #expect(try await store.database.writer.read { db in try String.fetchOne(db, sql: "SELECT document FROM state_document") } == big)
    }

    @Test func aWriteOverTheLimitIsRefusedAndTheStoredDocumentKept() async throws {
        let store = SQLiteStateStore(database: try StateDatabase.inMemory(), account: "paper")
        let now = Date()
        _ = try await store.acquireLease(LeaseRequest(holder: LeaseHolder(runId: "r", host: "h", processId: 1, acquiredAt: now,
                                                                           expiresAt: now.addingTimeInterval(60)), now: now))
        try await store.write(StateWrite(document: ["a": 1], reason: "x", runId: "r", at: now))
        let oversized: JSONValue = ["pad": .string(String(repeating: "x", count: StateDocumentSize.maximumBytes))]
        await #expect(throws: StateDocumentTooLargeError.self) {
            try await store.write(StateWrite(document: oversized, reason: "y", runId: "r", at: now))
        }
        #expect(try await store.load() == ["a": 1])
        #expect(try await store.history(runId: "r").count == 1)
    }
}
