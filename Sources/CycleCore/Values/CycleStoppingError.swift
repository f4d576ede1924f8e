/// An error from a port after which the cycle must send nothing more (not an order, not an earn
/// move): the store itself can no longer be trusted to keep what is sent. The order pipeline
/// rethrows it instead of alerting a failed order and going on to the next.
public protocol CycleStoppingError: Error {}
