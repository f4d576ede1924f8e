import Engine
import Firestore
import Foundation
import LocalStore
import Logging
import Telegram

/// The production peers the settings name: Firestore (the whole deployment store with
/// `STATE_BACKEND=firestore`, and the upstream artifact rung whenever a Google key is set) and
/// Telegram (alerts). Without them: the local store, no upstream rung, alerts in the report.
struct Peers {
    let settings: Settings
    let firestore: FirestoreClient?
    let telegram: TelegramBot?

    /// Throws `GoogleAuthError` when the key file cannot be used (the cycle cannot start).
    static func configured(_ settings: Settings) throws -> Peers {
        let timeout = settings.testHooks.httpTimeoutSeconds
        let google = settings.firestore
        let firestore = try google.credentialsFile.map { path in
            FirestoreClient(key: try ServiceAccountKey.load(path: path), project: google.project, database: google.database,
                            baseURL: URL(string: google.baseURL)!, timeoutSeconds: timeout ?? 20, retryDelaySeconds: timeout == nil ? 1 : 0.05,
                            logger: Logger(label: "cycle.firestore"))
        }
        return Peers(settings: settings, firestore: firestore, telegram: settings.telegram.bot)
    }

    var notifier: any Notifier {
        telegram.map { TelegramNotifier(bot: $0, language: settings.cycle.notifyLanguage, logger: Logger(label: "cycle.telegram")) } ?? RecordingNotifier()
    }

    var statePath: DocumentPath { settings.firestore.statePath }
    var usesFirestoreState: Bool { settings.firestore.stateBackend == .firestore }

    /// The fresh-upstream rung: the published live-pool document, when Google credentials are set.
    var upstream: (any ArtifactSource)? {
        firestore.map { FirestoreArtifactSource(client: $0, path: settings.firestore.artifactPath) }
    }

    /// With `STATE_BACKEND=firestore`, the deployment's store in Firestore: state, lease,
    /// journal, history, runs. Nil with the local store.
    var firestoreStore: FirestoreStateStore? {
        guard usesFirestoreState, let firestore else { return nil }
        return FirestoreStateStore(client: firestore, path: statePath)
    }

    /// Where state lives, for the first line of output.
    var stateDescription: String {
        usesFirestoreState ? "state in Firestore \(statePath) (project \(firestore?.project ?? "?"))" : "state in the local store"
    }
}
