import Engine
import Firestore
import Foundation
import Logging
import LocalStore
import Telegram

/// The production peers the configuration names: Firestore (state document and lease with
/// `STATE_BACKEND=firestore`, and the upstream artifact rung whenever a Google key is set) and
/// Telegram (alerts). Without them: the local store, no upstream rung, alerts in the report.
struct Peers {
    let config: Config
    let firestore: FirestoreClient?
    let telegram: TelegramBot?

    /// Throws `GoogleAuthError` when the key file cannot be used (the cycle cannot start).
    static func configured(_ config: Config) throws -> Peers {
        let timeout = ProcessInfo.processInfo.environment["CYCLE_TEST_HTTP_TIMEOUT_SECONDS"].flatMap(Double.init)
        let firestore = try config.googleCredentialsFile.map { path in
            FirestoreClient(key: try ServiceAccountKey.load(path: path), project: config.googleProject, database: config.firestoreDatabase,
                            baseURL: URL(string: config.firestoreBaseURL)!, timeoutSeconds: timeout ?? 20, retryDelaySeconds: timeout == nil ? 1 : 0.05,
                            logger: Logger(label: "cycle.firestore"))
        }
        return Peers(config: config, firestore: firestore, telegram: telegramBot(config.telegram, baseURL: config.telegramBaseURL))
    }

    static func telegramBot(_ target: Config.TelegramTarget?, baseURL: String) -> TelegramBot? {
        guard let target, let url = URL(string: baseURL) else { return nil }
        return TelegramBot(token: target.token, chatId: target.chatId, baseURL: url)
    }

    var notifier: any Notifier {
        telegram.map { TelegramNotifier(bot: $0, language: config.notifyLanguage, logger: Logger(label: "cycle.telegram")) } ?? RecordingNotifier()
    }

    var statePath: DocumentPath { DocumentPath(collection: config.stateCollection, document: config.stateDocument) }

    /// The fresh-upstream rung: the published live-pool document, when Google credentials are set.
    var upstream: (any ArtifactSource)? {
        firestore.map { FirestoreArtifactSource(client: $0, path: DocumentPath(collection: config.artifactCollection, document: config.artifactDocument)) }
    }

    /// Firestore's state document and lease (journal kept locally) or the local store itself.
    func cycleStore(local: SQLiteStateStore) -> any CycleStore {
        guard config.stateBackend == .firestore, let firestore else { return local }
        return FirestoreStateStore(client: firestore, path: statePath, journal: local)
    }

    /// Where state lives, for the first line of output.
    var stateDescription: String {
        config.stateBackend == .firestore ? "state in Firestore \(statePath) (project \(firestore?.project ?? "?"))" : "state in the local store"
    }
}
