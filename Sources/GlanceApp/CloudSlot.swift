import GlanceAPI
import GlanceCore

/// The runner's current cloud and the one a switch has signed in to. A generation counts the
/// switches signed in: work remembers the generation it started under, and its answer is
/// posted only while that is still the generation, so nothing from a cloud left reaches the
/// state reset for the next one.
struct CloudSlot {
    private(set) var cloud: any Cloud
    private(set) var generation = 0
    private var pending: (id: RequestID, cloud: any Cloud)?

    init(cloud: any Cloud) { self.cloud = cloud }

    /// The cloud and generation for work starting now. Between a switch's sign-in and its
    /// adoption the UI still acts on the old state, so such work runs on the old cloud under
    /// the generation already left: its answers are dropped, its writes still logged.
    var starting: (any Cloud, Int) { (cloud, pending == nil ? generation : generation - 1) }

    mutating func signedIn(_ id: RequestID, _ next: any Cloud) {
        generation += 1
        pending = (id, next)
    }

    mutating func adopt(_ id: RequestID) {
        guard let pending, pending.id == id else { return }
        cloud = pending.cloud
        self.pending = nil
    }
}
