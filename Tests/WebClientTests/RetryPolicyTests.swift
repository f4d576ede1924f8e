import Testing
import WebClient

/// The one retry rule the adapters share.
@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(attempts: 3, totalWaitSeconds: 5) { min(Double($0) * 0.25, 2) }

    @Test func backoffBetweenAttemptsThenGiveUp() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, waited: 0) == 0.25)
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil, waited: 0.25) == 0.5)
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, waited: 0.75) == nil, "three attempts in all")
    }

    @Test func thePeersRetryAfterWinsWithinTheBudget() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: 4, waited: 0) == 4)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 4, waited: 2) == nil, "2 + 4 > 5")
    }

    @Test(arguments: [-1.0, .infinity, .nan, 1e300])
    func aRetryAfterFromOutsideThatMakesNoSenseGivesUp(_ retryAfter: Double) {
        #expect(policy.delay(afterAttempt: 1, retryAfter: retryAfter, waited: 0) == nil)
    }
}
