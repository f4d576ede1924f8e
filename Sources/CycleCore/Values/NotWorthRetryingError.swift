/// An exchange error that asking again cannot change (the base URL redirects elsewhere): the
/// cycle's connection step stops at the first one instead of retrying and calling it
/// "unreachable".
public protocol NotWorthRetryingError: Error {
    var retryingCannotHelp: Bool { get }
}
