import Foundation

/// The account's single-writer lease: two overlapping cycles never trade one account.
public protocol RunLease: Sendable {
    /// Takes the lease for `request.holder`. Throws `LeaseHeldError` while another holder's
    /// lease has not expired; an expired lease is taken over and returned in the grant.
    func acquireLease(_ request: LeaseRequest) async throws -> LeaseGrant
    /// Fencing and heartbeat in one atomic step: confirms `runId` still holds the lease (nobody
    /// took it over, expired or not) and extends it to `until`. Throws `LeaseLostError` otherwise.
    /// Called before every order and Simple Earn move, so a run that lost its lease sends nothing.
    func renewLease(runId: String, now: Date, until: Date) async throws
    /// Gives the lease back; a no-op when `runId` no longer holds it.
    func releaseLease(runId: String) async throws
    /// The lease as the store holds it now (expired or not), nil when free. Only reads.
    func currentLease() async throws -> LeaseHolder?
}
