import BinanceWireFormat
import Binance
import Engine
import Foundation
import LocalStore
import Signing

/// The checks of `cycle validate-only`, in the order a cycle would depend on them. Nothing is
/// traded and nothing is written; the lease is read, never taken.
struct Preflight {
    /// Host clock further than this from Binance's fails the check (the engine compensates, but a drifting host is a problem to fix).
    static let maximumClockSkewMilliseconds: Int64 = 1000

    let runtime: Runtime

    var settings: Settings { runtime.settings }
    var config: Config { settings.cycle }

    func run() async -> [PreflightCheck] {
        var checks: [PreflightCheck] = []
        guard let credentials = settings.binance.credentials else {
            checks.append(.fail("credentials", "BINANCE_API_KEY is not set; set it with BINANCE_API_SECRET (HMAC) or BINANCE_PRIVATE_KEY_FILE (Ed25519/RSA)."))
            return checks + (await storeChecks())
        }
        let client: BinanceClient
        do {
            client = try runtime.binanceClient()
        } catch {
            checks.append(.fail("credentials", "\(error)"))
            return checks + (await storeChecks())
        }
        let scheme = credentials.apiSecret != nil ? "HMAC-SHA256" : "private key"
        checks += await exchangeChecks(client, scheme: scheme)
        checks += await storeChecks()
        checks.append(await telegramCheck())
        return checks
    }

    /// `getMe` proves the bot token; the chat is not messaged (validate-only sends nothing).
    private func telegramCheck() async -> PreflightCheck {
        guard let bot = settings.telegram.bot else {
            return .skipped("telegram", "not configured (TG_TOKEN / GLOBAL_TELEGRAM_CHAT_ID); alerts go to the report and log")
        }
        do {
            return .pass("telegram", "bot @\(try await bot.getMe()) answers; alerts go to chat \(bot.chatId)")
        } catch {
            return .fail("telegram", "\(error). Check TG_TOKEN (from @BotFather) and TELEGRAM_BASE_URL.")
        }
    }

    private func exchangeChecks(_ client: BinanceClient, scheme: String) async -> [PreflightCheck] {
        var checks: [PreflightCheck] = []
        do {
            let offset = try await client.synchronizeTime()
            let skew = "host clock \(offset >= 0 ? "behind" : "ahead of") Binance by \(abs(offset)) ms"
            checks.append(abs(offset) <= Self.maximumClockSkewMilliseconds
                ? .pass("clock skew", skew)
                : .fail("clock skew", "\(skew) (limit \(Self.maximumClockSkewMilliseconds) ms); sync the host clock (e.g. `timedatectl set-ntp true` / chrony)."))
        } catch {
            return [.fail("binance reachable", "\(error). Check BINANCE_BASE_URL and the network.")]
        }
        let account: BinanceWire.Account
        do {
            account = try await client.account()
            checks.append(.pass("credentials", "\(scheme) signature accepted (signed GET /api/v3/account)"))
        } catch {
            checks.append(.fail("credentials", "\(error)"))
            return checks
        }
        let spotPermitted = account.canTrade && (account.permissions ?? ["SPOT"]).contains("SPOT")
        do {
            let restrictions = try await client.apiRestrictions()
            checks.append(spotPermitted && restrictions.enableSpotAndMarginTrading
                ? .pass("spot trading", "allowed for this key")
                : .fail("spot trading", "this key may not trade spot; enable \"Spot & Margin Trading\" for it in Binance API Management."))
            checks.append(restrictions.enableWithdrawals
                ? .warn("withdrawals", "WITHDRAWALS ARE ENABLED for this key; a trading engine never needs them — disable them in API Management.")
                : .pass("withdrawals", "disabled for this key"))
            checks.append(restrictions.ipRestrict
                ? .pass("ip restriction", "key is restricted to trusted IPs")
                : .warn("ip restriction", "NO IP RESTRICTION on this key; restrict it to this host's IP in API Management."))
        } catch {
            checks.append(spotPermitted
                ? .pass("spot trading", "account says canTrade with SPOT permission")
                : .fail("spot trading", "this key may not trade spot; enable \"Spot & Margin Trading\" for it in Binance API Management."))
            checks.append(.warn("key restrictions", "could not be read (\(error))"))
        }
        return checks
    }

    /// Store readable, the lease free (read, not taken), and which artifact rung a cycle would use.
    private func storeChecks() async -> [PreflightCheck] {
        let peers: Peers
        do {
            peers = try runtime.peers()
        } catch {
            return [.fail("google credentials", "\(error)")]
        }
        var checks: [PreflightCheck] = []
        if let firestore = peers.firestore {
            do {
                _ = try await firestore.tokens.token()
                checks.append(.pass("google auth", "service account signed in (project \(firestore.project))"))
            } catch {
                return checks + [.fail("google auth", "\(error)")]
            }
        }
        // Firestore, or a private copy of the local store: validate-only creates and changes nothing in the state folder.
        if !runtime.storeIsFirestore, let problem = StateDatabase.folderProblem(runtime.stateFolder) {
            return checks + [.fail("state store", "\(problem); point CYCLE_STATE_DIR (or --state-dir) at a writable folder")]
        }
        let cycleStore: any DeploymentStore
        do {
            cycleStore = try runtime.inspectionStore()
        } catch {
            return [.fail("state store", "\(error)")]
        }
        let location = runtime.storeLocation
        let document: JSONValue?
        do {
            document = try await cycleStore.load()
        } catch {
            return checks + [.fail("state store", "\(location) cannot be read: \(error)")]
        }
        checks.append(.pass("state store", "\(location) readable (\(document == nil ? "no state yet" : "state present"))"))
        if !runtime.storeIsFirestore, let lost = Self.filesLostCheck(folder: runtime.stateFolder) { checks.append(lost) }
        checks.append(Self.tradingModeCheck(document))
        let now = Date()
        // Read, never taken: validate-only writes nothing, to the local store or to Firestore.
        do {
            if let holder = try await cycleStore.currentLease(), holder.expiresAt > now {
                checks.append(.warn("lease", "held by \(holder): a cycle is running now; a cycle started meanwhile would exit 2"))
            } else {
                checks.append(.pass("lease", "free"))
            }
        } catch {
            checks.append(.fail("lease", "\(error)"))
        }
        let ladder = CycleAssembly.poolResolver(config: config, upstream: peers.upstream, localArtifacts: LocalArtifacts.candidates(config))
        let resolution = await ladder.resolve(storedDocument: document, now: now)
        let summary = "\(resolution.rung.rawValue) (\(resolution.sourceDetail)), as of \(resolution.payload.asOfDate)"
        checks.append(resolution.degraded
            ? .warn("live pool", "\(summary) — degraded: new entries \(config.allowNewEntriesOnDegraded ? "allowed" : "paused")")
            : .pass("live pool", summary))
        return checks
    }

    /// The marker an earlier run left when the store's files were removed under it: every cycle
    /// refuses to trade while it exists, so validate-only must not say READY.
    static func filesLostCheck(folder: URL) -> PreflightCheck? {
        let marker = folder.appendingPathComponent(StateDatabase.filesLostMarkerName)
        var status = stat()
        guard lstat(marker.path, &status) == 0 else { return nil }
        return .fail("store files", "\(marker.path) exists: an earlier run found the store's files removed under it, and every cycle "
            + "trades nothing until an operator restores the store and deletes that file (RUNBOOK: store files removed under a running cycle)")
    }

    /// The kill switch as the next cycle will read it: anything but `run` is a warning that says
    /// what the cycle will not do and how to lift it.
    static func tradingModeCheck(_ document: JSONValue?) -> PreflightCheck {
        let control: OperatorControl?
        do {
            control = try TradeState.normalized(from: document, universe: []).operatorControl
        } catch {
            return .fail("trading mode", "the state document cannot be read: \(error)")
        }
        guard let control, control.mode != .run else { return .pass("trading mode", "run") }
        let effect = switch control.mode {
        case .halt: "cycles stop before any exchange call"
        case .noNewEntries: "no trend or DCA buy; sells, stops and the breaker still run"
        case .exitOnly: "every trend position is sold, nothing is bought"
        case .run: ""
        }
        return .warn("trading mode", "\(control.mode.rawValue) (set by \(control.setBy) at \(control.setAt): \(control.reason)) — \(effect); "
            + "`cycle resume --authorized-by NAME` trades again")
    }
}
