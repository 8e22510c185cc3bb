package dev.wren.guard.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Failed logins per source address.
 * <ul>
 * <li>A source may fail {@code freeFailures} times; the failure that reaches that count locks it out for
 * {@code initialLockoutMs}, and every further failure after a lockout ends doubles the time, up to
 * {@code maxLockoutMs}. While locked out, every request of the source that carries credentials is refused
 * before they are looked at, so a correct password is refused too, except the credential that last
 * succeeded from that source: it is no guess, and a browser signed in before someone started guessing from
 * the same address (all clients of an SSH tunnel or a proxy share one) keeps working.</li>
 * <li>Only distinct guesses count: a wrong credential sent again (a browser or a script retrying a stale
 * password) is refused by the console as before but not counted again.</li>
 * <li>Guesses cannot outrun the count by running in parallel: a source has at most as many attempts with
 * a credential that has not yet succeeded in flight as it has failures left (at least one); the credential
 * that last succeeded (a browser loading a page's parts) is never held back.</li>
 * <li>A success resets the source. A source is forgotten an hour after it was last seen; at most
 * {@value #SOURCES} sources are remembered (the least recently seen goes).</li>
 * </ul>
 * Only salted digests of credentials are kept. Times are passed in (milliseconds of a monotonic clock).
 * Thread-safe.
 */
final class LoginThrottle {

    static final int SOURCES = 4096;
    static final long FORGET_MS = 3_600_000;
    /** Minimum time between two warnings about one source's continuing burst. */
    static final long WARN_EVERY_MS = 60_000;
    private static final int REMEMBERED_GUESSES = 16;

    /** Whether an attempt may go on to authentication. */
    enum Admission {
        /** no credentials, or the ones that last succeeded: nothing to reserve */
        FREE,
        /** an attempt with a new credential, counted in flight until {@link #failed} or {@link #succeeded} */
        RESERVED,
        /** the source is locked out ({@link #lockedFor}) */
        LOCKED,
        /** the source has as many attempts in flight as failures left */
        BUSY
    }

    /** What a failure did: counted or a repeat, the source's failures, a lockout begun, whether to warn. */
    record Failure(boolean counted, int failures, long lockoutMs, boolean firstOfBurst, boolean warn) {
    }

    private static final class Source {
        int failures;
        int inFlight;
        long lockedUntil;
        long lastSeen;
        long lastWarn = Long.MIN_VALUE;
        Long good;
        final LinkedHashSet<Long> guesses = new LinkedHashSet<>();
    }

    private final int freeFailures;
    private final long initialLockoutMs;
    private final long maxLockoutMs;
    private final byte[] salt = new byte[16];
    private final Map<String, Source> sources = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Source> eldest) {
            return size() > SOURCES;
        }
    };

    LoginThrottle(int freeFailures, long initialLockoutMs, long maxLockoutMs) {
        this.freeFailures = freeFailures;
        this.initialLockoutMs = initialLockoutMs;
        this.maxLockoutMs = maxLockoutMs;
        new SecureRandom().nextBytes(salt);
    }

    /** @param credential the Authorization header, or null */
    synchronized Admission admit(String source, String credential, long now) {
        if (credential == null) {
            return Admission.FREE;
        }
        Source s = sources.get(source);
        if (s == null) {
            s = new Source();
            sources.put(source, s);
        }
        s.lastSeen = now;
        if (s.good != null && s.good == digest(credential)) {
            return Admission.FREE;
        }
        if (now < s.lockedUntil) {
            return Admission.LOCKED;
        }
        if (s.inFlight >= Math.max(1, freeFailures - s.failures)) {
            return Admission.BUSY;
        }
        s.inFlight++;
        return Admission.RESERVED;
    }

    /** @return how long {@code source} stays locked out from {@code now}, 0 if it may try */
    synchronized long lockedFor(String source, long now) {
        Source s = sources.get(source);
        return s == null ? 0 : Math.max(0, s.lockedUntil - now);
    }

    /** Records a failed login of an attempt {@link #admit} answered {@code admission}. */
    synchronized Failure failed(String source, String credential, Admission admission, long now) {
        forgetIdle(now);
        Source s = sources.computeIfAbsent(source, k -> new Source());
        release(s, admission);
        s.lastSeen = now;
        long d = digest(credential);
        if (s.good != null && s.good == d) {
            s.good = null;
        }
        boolean firstOfBurst = s.failures == 0;
        if (!s.guesses.add(d)) {
            return new Failure(false, s.failures, 0, false, false);
        }
        if (s.guesses.size() > REMEMBERED_GUESSES) {
            Iterator<Long> oldest = s.guesses.iterator();
            oldest.next();
            oldest.remove();
        }
        s.failures++;
        long lockout = 0;
        if (s.failures >= freeFailures) {
            int doublings = Math.min(s.failures - freeFailures, 40);
            lockout = Math.min(maxLockoutMs, initialLockoutMs << doublings);
            s.lockedUntil = now + lockout;
        }
        boolean warn = lockout > 0 && (s.lastWarn == Long.MIN_VALUE || now - s.lastWarn >= WARN_EVERY_MS);
        if (warn) {
            s.lastWarn = now;
        }
        return new Failure(true, s.failures, lockout, firstOfBurst, warn);
    }

    /** Records a success; @return how many failures preceded it (0 if none) */
    synchronized int succeeded(String source, String credential, Admission admission, long now) {
        Source s = sources.computeIfAbsent(source, k -> new Source());
        release(s, admission);
        int failures = s.failures;
        s.failures = 0;
        s.guesses.clear();
        s.lockedUntil = 0;
        s.lastWarn = Long.MIN_VALUE;
        s.lastSeen = now;
        s.good = digest(credential);
        return failures;
    }

    /** Ends an attempt that neither failed nor succeeded (the request broke off). */
    synchronized void abandoned(String source, Admission admission) {
        Source s = sources.get(source);
        if (s != null) {
            release(s, admission);
        }
    }

    synchronized int remembered() {
        return sources.size();
    }

    private static void release(Source s, Admission admission) {
        if (admission == Admission.RESERVED && s.inFlight > 0) {
            s.inFlight--;
        }
    }

    private void forgetIdle(long now) {
        sources.values().removeIf(s -> now - s.lastSeen > FORGET_MS && now >= s.lockedUntil && s.inFlight == 0);
    }

    private long digest(String credential) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            byte[] d = md.digest(String.valueOf(credential).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
