/// The core's values (state, config, report, orders, the pool ladder's decision) are the
/// Engine's vocabulary too: whoever imports Engine sees them.
@_exported import CycleCore
