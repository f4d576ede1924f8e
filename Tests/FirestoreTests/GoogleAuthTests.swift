import Engine
import Firestore
import Foundation
import Signing
import Testing
import TestSupport

/// Service-account sign-in against the fake token endpoint, which verifies the JWT's signature.
struct GoogleAuthTests {
    @Test func oneTokenServesManyRequestsAndARevokedTokenIsReplacedOnce() async throws {
        let harness = try await FirestoreHarness.start()
        for _ in 0..<3 { _ = try await harness.client.get(FirestoreHarness.statePath) }
        #expect(await harness.fake.tokenExchanges == 1)
        await harness.fake.revokeTokens()
        #expect(try await harness.client.get(FirestoreHarness.statePath) == nil)
        #expect(await harness.fake.tokenExchanges == 2, "a 401 signs in again and repeats the request")
        await harness.stop()
    }

    @Test func aKeyTheServerDoesNotKnowIsRefusedWithTheRemedy() async throws {
        let harness = try await FirestoreHarness.start()
        var key = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: harness.keyPath))).objectValue ?? [:]
        key["private_key"] = .string(try PrivateKey.generate(.rsa).pkcs8PEM())
        let path = harness.folder.appendingPathComponent("other-key.json").path
        try Data(JSONWriter.string(.object(key)).utf8).write(to: URL(fileURLWithPath: path))
        let client = FirestoreClient(key: try ServiceAccountKey.load(path: path), baseURL: await harness.fake.baseURL, timeoutSeconds: 5)
        let error = try await #require(throws: GoogleAuthError.self) { try await client.get(FirestoreHarness.statePath) }
        #expect(error == .tokenRefused(status: 400, error: "invalid_grant", detail: "Invalid JWT Signature."))
        #expect(await harness.fake.requestCount("GET") == 0, "no document request without a token")
        await harness.stop()
    }

    @Test func unusableKeyFilesNameTheFileAndTheVariable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try #require(throws: GoogleAuthError.self) { try ServiceAccountKey.load(path: folder.appendingPathComponent("nope.json").path) }
        #expect(missing.description.contains("nope.json") && missing.description.contains("GOOGLE_APPLICATION_CREDENTIALS"))
        let user = folder.appendingPathComponent("user.json")
        try Data(#"{"type": "authorized_user", "client_id": "x"}"#.utf8).write(to: user)
        let wrongType = try #require(throws: GoogleAuthError.self) { try ServiceAccountKey.load(path: user.path) }
        #expect(wrongType.description.contains("service_account"))
        let secretText = "-----BEGIN PRIVATE KEY-----\nnot really a key\n-----END PRIVATE KEY-----\n"
        let broken = folder.appendingPathComponent("broken.json")
        try Data(JSONWriter.string(["type": "service_account", "project_id": "p", "private_key_id": "k", "client_email": "e@p",
                                    "token_uri": "https://oauth2.googleapis.com/token", "private_key": .string(secretText)]).utf8).write(to: broken)
        let badKey = try #require(throws: GoogleAuthError.self) { try ServiceAccountKey.load(path: broken.path) }
        #expect(badKey.description.contains("private_key") && !badKey.description.contains("not really a key"), "the key material is never quoted")
    }
}
