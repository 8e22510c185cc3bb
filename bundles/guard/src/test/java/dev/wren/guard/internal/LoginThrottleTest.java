package dev.wren.guard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.wren.guard.internal.LoginThrottle.Admission;
import dev.wren.guard.internal.LoginThrottle.Failure;

class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle(3, 1_000, 8_000);

    private Failure fail(String source, String guess, long now) {
        Admission a = throttle.admit(source, guess, now);
        assertEquals(Admission.RESERVED, a, guess);
        return throttle.failed(source, guess, a, now);
    }

    @Test
    void theFreeFailuresThenALockoutThatDoublesUpToTheCap() {
        assertEquals(0, fail("a", "g1", 0).lockoutMs());
        assertEquals(0, fail("a", "g2", 10).lockoutMs());
        Failure third = fail("a", "g3", 20);
        assertEquals(1_000, third.lockoutMs());
        assertTrue(third.warn());
        assertEquals(Admission.LOCKED, throttle.admit("a", "the right one", 500), "a correct password too");
        assertEquals(520, throttle.lockedFor("a", 500));
        assertEquals(2_000, fail("a", "g4", 1_020).lockoutMs());
        assertEquals(4_000, fail("a", "g5", 3_020).lockoutMs());
        assertEquals(8_000, fail("a", "g6", 7_020).lockoutMs());
        assertEquals(8_000, fail("a", "g7", 15_020).lockoutMs(), "capped");
    }

    @Test
    void warningsComeOncePerBurstThenAtMostOnceAMinute() {
        fail("a", "g1", 0);
        fail("a", "g2", 0);
        assertTrue(fail("a", "g3", 0).warn());
        assertFalse(fail("a", "g4", 1_000).warn());
        assertFalse(fail("a", "g5", 3_000).warn());
        assertTrue(fail("a", "g6", 61_000).warn());
    }

    @Test
    void aRepeatedWrongPasswordIsNotCountedAgain() {
        fail("a", "stale", 0);
        Admission again = throttle.admit("a", "stale", 1);
        Failure f = throttle.failed("a", "stale", again, 1);
        assertFalse(f.counted());
        assertEquals(1, f.failures());
        assertEquals(Admission.RESERVED, throttle.admit("a", "other", 2));
    }

    @Test
    void sourcesAreApartAndASuccessResets() {
        fail("a", "g1", 0);
        fail("a", "g2", 0);
        fail("a", "g3", 0);
        assertEquals(Admission.RESERVED, throttle.admit("b", "g1", 1), "another source is not locked out");
        Admission a = throttle.admit("a", "right", 2_000);
        assertEquals(3, throttle.succeeded("a", "right", a, 2_000));
        assertEquals(0, fail("a", "g9", 2_001).lockoutMs(), "free failures again after a success");
    }

    @Test
    void parallelGuessesCannotOutrunTheCount() {
        assertEquals(Admission.RESERVED, throttle.admit("a", "g1", 0));
        assertEquals(Admission.RESERVED, throttle.admit("a", "g2", 0));
        assertEquals(Admission.RESERVED, throttle.admit("a", "g3", 0));
        assertEquals(Admission.BUSY, throttle.admit("a", "g4", 0));
        throttle.failed("a", "g1", Admission.RESERVED, 1);
        assertEquals(Admission.BUSY, throttle.admit("a", "g4", 1), "two failures left, two in flight");
        throttle.abandoned("a", Admission.RESERVED);
        assertEquals(Admission.RESERVED, throttle.admit("a", "g4", 2));
    }

    @Test
    void theCredentialThatLastSucceededIsNeitherHeldBackNorLockedOut() {
        Admission a = throttle.admit("a", "right", 0);
        throttle.succeeded("a", "right", a, 0);
        for (int i = 0; i < 10; i++) {
            assertEquals(Admission.FREE, throttle.admit("a", "right", 1), "a page's parts load in parallel");
        }
        fail("a", "g1", 2);
        fail("a", "g2", 2);
        fail("a", "g3", 2);
        assertEquals(Admission.FREE, throttle.admit("a", "right", 3),
                "whoever guesses from the same address does not lock out a signed-in browser");
        assertEquals(Admission.LOCKED, throttle.admit("a", "g4", 3));
    }

    @Test
    void requestsWithoutCredentialsPass() {
        fail("a", "g1", 0);
        fail("a", "g2", 0);
        fail("a", "g3", 0);
        assertEquals(Admission.FREE, throttle.admit("a", null, 1));
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < LoginThrottle.SOURCES + 100; i++) {
            fail("10.0." + (i >> 8) + "." + (i & 255), "g", i);
        }
        assertEquals(LoginThrottle.SOURCES, throttle.remembered());
        fail("x", "g", LoginThrottle.FORGET_MS + LoginThrottle.SOURCES + 200);
        assertEquals(1, throttle.remembered(), "idle sources are forgotten");
    }
}
