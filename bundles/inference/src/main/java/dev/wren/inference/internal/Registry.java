package dev.wren.inference.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Version;

/**
 * Every validated version of every model name, and which one serves. Changes happen under the
 * registry's lock; the serving version is read without one ({@link Slot#acquire}).
 * <ul>
 * <li>The pinned version serves if it is installed; otherwise the highest version not rolled back.</li>
 * <li>With canaries on, a new highest version first runs beside the serving one on live inputs
 * ({@link Slot#acquireCanary}); after {@link Settings#canaryWindows()} inputs it is promoted if it
 * agreed on at least {@link Settings#canaryAgreement()} of them, and rolled back otherwise.</li>
 * <li>A rolled-back version stays installed and never serves again unless pinned.</li>
 * </ul>
 * Versions leave only when their bundle does; their sessions close after the last call on them.
 */
final class Registry {

    /** Told after every change of a name's serving or canary version or of its versions. */
    interface Listener {
        void changed(String name, String what);

        /** A canary's trial ended; called after {@link #changed} with the same outcome. */
        default void judged(CanaryVerdict verdict) {
        }
    }

    /** Fewest replayed fault cases on which a canary is judged at once, before any live input. */
    static final int MIN_REPLAY = 3;

    /**
     * @param pins            name to the version that must serve
     * @param canary          whether a new highest version first runs as a canary
     * @param canaryWindows   inputs a canary is judged on
     * @param canaryAgreement share of those on which it must agree with the serving version
     */
    record Settings(Map<String, Version> pins, boolean canary, int canaryWindows, double canaryAgreement) {

        static final Settings DEFAULTS = new Settings(Map.of(), true, 200, 0.9);

        Settings {
            pins = Map.copyOf(pins);
        }
    }

    /** One model name: its versions, the serving one, the canary under trial. */
    final class Slot {

        final String name;
        private final NavigableMap<Version, LoadedModel> versions = new TreeMap<>();
        private final Map<Version, String> rolledBack = new TreeMap<>();
        private volatile LoadedModel serving;
        private volatile LoadedModel canary;
        private final FaultCases remembered = new FaultCases();
        private int trials;
        private int agreed;
        private int faultTrials;
        private int faultAgreed;
        private long canaryNanos;
        private long servingNanos;
        private boolean replayed;

        private Slot(String name) {
            this.name = name;
        }

        /** @return the serving version, acquired (release it after the run), or null if there is none */
        LoadedModel acquire() {
            for (LoadedModel m = serving; m != null; m = serving) {
                if (m.acquire()) {
                    return m;
                }
            }
            return null;
        }

        /** @return the canary under trial, acquired, or null */
        LoadedModel acquireCanary() {
            for (LoadedModel m = canary; m != null; m = canary) {
                if (m.acquire()) {
                    return m;
                }
            }
            return null;
        }

        LoadedModel serving() {
            return serving;
        }

        /** @return the installed versions, lowest first */
        List<LoadedModel> versions() {
            synchronized (Registry.this) {
                return new ArrayList<>(versions.values());
            }
        }

        LoadedModel canary() {
            return canary;
        }

        /** The serving version decided "fault" on these raw features: a canary will have to as well. */
        void remember(float[] raw, int decision) {
            remembered.add(raw, decision);
        }

        /**
         * @return once per trial, the fault cases to run {@code trial} on before it is judged on live
         *         inputs: the recent live inputs the serving version decided "fault" on, and the
         *         serving version's own test vectors of faults; empty afterwards
         */
        List<FaultCases.Case> replay(LoadedModel trial) {
            synchronized (Registry.this) {
                if (trial != canary || replayed) {
                    return List.of();
                }
                replayed = true;
                List<FaultCases.Case> cases = new ArrayList<>(remembered.snapshot());
                if (serving != null) {
                    cases.addAll(serving.ownFaults());
                }
                return cases;
            }
        }

        /** {@code trial} decided {@code agreed} of {@code of} replayed fault cases as the serving version did. */
        void replayed(LoadedModel trial, int agreed, int of) {
            CanaryVerdict v;
            synchronized (Registry.this) {
                if (trial != canary) {
                    return;
                }
                faultTrials += of;
                faultAgreed += agreed;
                if (of < MIN_REPLAY || agreed / (double) of >= settings.canaryAgreement()) {
                    return;
                }
                v = end(false);
            }
            report(v);
        }

        /** Records whether {@code trial} agreed with the serving version on one input; may end the trial. */
        void verdict(LoadedModel trial, boolean agree) {
            verdict(trial, agree, false, 0, 0);
        }

        /**
         * Records one live input: whether {@code trial} decided as the serving version, whether the
         * serving version decided "fault" on it, and both inference times; may end the trial.
         */
        void verdict(LoadedModel trial, boolean agree, boolean fault, long trialNanos, long servingRunNanos) {
            CanaryVerdict v;
            synchronized (Registry.this) {
                if (trial != canary) {
                    return;
                }
                trials++;
                agreed += agree ? 1 : 0;
                if (fault) {
                    faultTrials++;
                    faultAgreed += agree ? 1 : 0;
                }
                canaryNanos += trialNanos;
                servingNanos += servingRunNanos;
                if (trials < settings.canaryWindows()) {
                    return;
                }
                double share = agreed / (double) trials;
                boolean faultsOk = faultTrials == 0 || faultAgreed / (double) faultTrials >= settings.canaryAgreement();
                v = end(share >= settings.canaryAgreement() && faultsOk);
            }
            report(v);
        }

        /** Ends the trial, promoting or rolling back the canary; lock held. */
        private CanaryVerdict end(boolean promote) {
            LoadedModel trial = canary;
            LoadedModel before = serving;
            Version v = trial.descriptor().version();
            double share = trials == 0 ? Double.NaN : agreed / (double) trials;
            double faultShare = faultTrials == 0 ? Double.NaN : faultAgreed / (double) faultTrials;
            String faults = faultTrials == 0 ? "no fault case to compare on"
                    : String.format(java.util.Locale.ROOT, "%.1f %% of %d fault cases", 100 * faultShare, faultTrials);
            String reason;
            if (promote) {
                reason = String.format(java.util.Locale.ROOT, "agreed on %.1f %% of %d inputs and %s", 100 * share, trials,
                        faults);
                serving = trial;
            } else if (trials == 0) {
                reason = String.format(java.util.Locale.ROOT, "decided as the serving version on only %s (recent inputs"
                        + " it decided a fault on, and its test vectors), below %.1f %%", faults,
                        100 * settings.canaryAgreement());
                rolledBack.put(v, reason);
            } else {
                reason = String.format(java.util.Locale.ROOT, "agreed on %.1f %% of %d inputs and %s, below %.1f %%",
                        100 * share, trials, faults, 100 * settings.canaryAgreement());
                rolledBack.put(v, reason);
            }
            canary = null;
            return new CanaryVerdict(name, v.toString(), versionOf(before), promote, trials, share, faultTrials, faultShare,
                    trials == 0 ? Double.NaN : canaryNanos / 1e3 / trials, trials == 0 ? Double.NaN
                            : servingNanos / 1e3 / trials, reason);
        }

        private void report(CanaryVerdict v) {
            listener.changed(name, v.promoted() ? v.version() + " promoted: " + v.reason()
                    : v.version() + " rolled back: " + v.reason());
            listener.judged(v);
        }

        /** @return one line per version, highest first: version, state, bundle */
        List<String> describe() {
            synchronized (Registry.this) {
                List<String> out = new ArrayList<>();
                for (LoadedModel m : versions.descendingMap().values()) {
                    Version v = m.descriptor().version();
                    String state = m == serving ? "SERVING" : m == canary ? "CANARY " + agreed + "/" + trials + " agreed"
                            : rolledBack.containsKey(v) ? "ROLLED BACK (" + rolledBack.get(v) + ")" : "standby";
                    out.add(v + " " + m.descriptor().precision() + " bundle " + m.bundleId()
                            + (m.detached() ? " (from before its update, in memory)" : "") + ": " + state
                            + (v.equals(settings.pins().get(name)) ? ", pinned" : ""));
                }
                return out;
            }
        }

        private void select(LoadedModel newcomer) {
            Version pin = settings.pins().get(name);
            LoadedModel target = pin != null && versions.containsKey(pin) ? versions.get(pin) : null;
            if (target == null) {
                for (LoadedModel m : versions.descendingMap().values()) {
                    if (!rolledBack.containsKey(m.descriptor().version())) {
                        target = m;
                        break;
                    }
                }
            }
            if (canary != null && !versions.containsValue(canary)) {
                canary = null;
            }
            if (target != null && target == newcomer && serving != null && pin == null && settings.canary()
                    && newcomer.descriptor().version().compareTo(serving.descriptor().version()) > 0) {
                canary = newcomer;
                trials = 0;
                agreed = 0;
                faultTrials = 0;
                faultAgreed = 0;
                canaryNanos = 0;
                servingNanos = 0;
                replayed = false;
                return;
            }
            if (target == canary || pin != null) {
                canary = null;
            }
            serving = target;
        }
    }

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Listener listener;
    private Settings settings = Settings.DEFAULTS;

    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    Registry(Listener listener) {
        this.listener = new Listener() {
            @Override
            public void changed(String name, String what) {
                generation.incrementAndGet();
                listener.changed(name, what);
            }

            @Override
            public void judged(CanaryVerdict verdict) {
                listener.judged(verdict);
            }
        };
    }

    /** @return the slot of {@code name}, created empty if needed (a pipeline may wait for its model) */
    Slot slot(String name) {
        return slots.computeIfAbsent(name, Slot::new);
    }

    /**
     * Adds a validated version. The same name and version from a second bundle is refused.
     *
     * @throws Loader.Refused if that version is already installed
     */
    void add(LoadedModel m) throws Loader.Refused {
        Descriptor d = m.descriptor();
        Slot s = slot(d.name());
        String before;
        synchronized (this) {
            LoadedModel other = s.versions.get(d.version());
            if (other != null && other.bundleId() == m.bundleId()) {
                throw new Loader.Refused("version: bundle " + m.bundleId() + " was updated in place with the same version "
                        + d.version() + "; a changed model needs a new version (" + d.version() + " from before the"
                        + " update stays)");
            }
            if (other != null) {
                throw new Loader.Refused("version: " + d.name() + " " + d.version() + " is already installed by bundle "
                        + other.bundleId());
            }
            before = versionOf(s.serving);
            s.versions.put(d.version(), m);
            s.select(m);
        }
        listener.changed(d.name(), s.canary == m ? d.version() + " installed, on trial as canary beside " + before
                : s.serving == m ? d.version() + " installed, serving (was " + before + ")" : d.version() + " installed, standby");
    }

    /** Removes every version of bundle {@code bundleId} (it was uninstalled); they close after their last run. */
    void remove(long bundleId) {
        remove(m -> m.bundleId() == bundleId, bundleId);
    }

    /**
     * Removes the versions loaded from this content of bundle {@code bundleId} (it was stopped, not
     * updated); those kept from before an update stay.
     */
    void remove(long bundleId, long stamp) {
        remove(m -> m.bundleId() == bundleId && m.stamp() == stamp && !m.detached(), bundleId);
    }

    /** @return whether a version loaded from this content of bundle {@code bundleId} is registered */
    synchronized boolean has(long bundleId, long stamp) {
        for (Slot s : slots.values()) {
            for (LoadedModel m : s.versions.values()) {
                if (m.bundleId() == bundleId && m.stamp() == stamp && !m.detached()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Bundle {@code bundleId} was updated in place: its versions loaded from earlier content live on
     * from memory (the serving one keeps serving until the new content's version passes its canary,
     * and stays for rollback) until the bundle is uninstalled.
     *
     * @return the versions so kept
     */
    synchronized List<LoadedModel> detach(long bundleId, long stamp) {
        List<LoadedModel> kept = new ArrayList<>();
        for (Slot s : slots.values()) {
            for (LoadedModel m : s.versions.values()) {
                if (m.bundleId() == bundleId && m.stamp() != stamp && !m.detached()) {
                    m.detach();
                    kept.add(m);
                }
            }
        }
        return kept;
    }

    private void remove(java.util.function.Predicate<LoadedModel> which, long bundleId) {
        List<LoadedModel> gone = new ArrayList<>();
        List<String> names = new ArrayList<>();
        synchronized (this) {
            for (Slot s : slots.values()) {
                if (s.versions.values().removeIf(m -> which.test(m) && gone.add(m))) {
                    s.select(null);
                    names.add(s.name);
                }
            }
        }
        gone.forEach(LoadedModel::retire);
        for (String n : names) {
            listener.changed(n, "bundle " + bundleId + " removed, serving " + versionOf(slot(n).serving));
        }
    }

    /** New pins and canary rules; serving versions change at once where a pin says so. */
    void settings(Settings next) {
        List<String> names;
        synchronized (this) {
            settings = next;
            names = new ArrayList<>(slots.keySet());
            for (Slot s : slots.values()) {
                Version pin = next.pins().get(s.name);
                if (pin != null) {
                    s.rolledBack.remove(pin);
                }
                s.select(null);
            }
        }
        for (String n : names) {
            listener.changed(n, "settings applied, serving " + versionOf(slot(n).serving));
        }
    }

    synchronized Settings settings() {
        return settings;
    }

    /** @return the highest installed version of {@code name} below the serving one, or null */
    synchronized Version previous(String name) {
        Slot s = slots.get(name);
        if (s == null || s.serving == null) {
            return null;
        }
        return s.versions.lowerKey(s.serving.descriptor().version());
    }

    /** Closes every version (the extender stops). */
    void close() {
        List<LoadedModel> all = new ArrayList<>();
        synchronized (this) {
            for (Slot s : slots.values()) {
                all.addAll(s.versions.values());
                s.versions.clear();
                s.serving = null;
                s.canary = null;
            }
        }
        all.forEach(LoadedModel::retire);
    }

    Map<String, Slot> slots() {
        return slots;
    }

    /** @return a number that changes whenever a name's versions, serving or canary version change */
    long generation() {
        return generation.get();
    }

    private static String versionOf(LoadedModel m) {
        return m == null ? "none" : m.descriptor().version().toString();
    }
}
