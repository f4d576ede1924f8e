import Foundation

/// The single-writer lease around a live cycle (docs/crash-recovery.md#the-lease).
extension CycleDecisions {
    /// Takes the account's lease; false after aborting when another run holds it or the store
    /// cannot grant it. A dry run changes nothing and takes no lease.
    mutating func takeLease() -> Bool {
        guard !dryRun else { return true }
        let now = world.wallNow()
        let holder = LeaseHolder(runId: runId, host: settings.host, processId: settings.processId,
                                 acquiredAt: now, expiresAt: now.addingTimeInterval(TimeInterval(config.leaseSeconds)))
        do {
            let grant = try world.acquireLease(LeaseRequest(holder: holder, now: now))
            holdsLease = true
            world.note(.leaseAcquired(expiresAt: holder.expiresAt))
            if let crashed = grant.tookOverFrom {
                world.note(.leaseTakenOver(previous: crashed))
                say(messages.text(.leaseTakenOver, [.holder: "\(crashed)"]))
            }
            return true
        } catch {
            world.note(.leaseRefused(error: "\(error)"))
            report.fail(stage: .lease, message: "\(error)", status: .aborted)
            notify(.systemCrash(detail: String("\(error)".prefix(300))))
            return false
        }
    }

    /// Gives the lease back at the end of the cycle, whatever happened in between.
    mutating func releaseLease() {
        guard holdsLease else { return }
        do {
            try world.releaseLease(runId: runId)
            holdsLease = false
        } catch let error as any CycleStoppingError {
            // The store gave the lease back but lost a write it had held: the run did not end as it says.
            holdsLease = false
            report.fail(stage: .executeCycle, message: "\(error)", status: .error)
            notify(.systemCrash(detail: String("\(error)".prefix(300))))
        } catch {
            world.note(.leaseReleaseFailed(error: "\(error)"))
            say(messages.text(.leaseReleaseFailed, [.error: "\(error)"]))
        }
    }
}
