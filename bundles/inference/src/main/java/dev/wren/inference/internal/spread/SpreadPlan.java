package dev.wren.inference.internal.spread;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

import org.osgi.framework.Version;

import dev.wren.peer.Member;
import dev.wren.peer.PeerChannel;

/**
 * Where to fetch a wanted model from: among the present members with a peer channel that offer a
 * version in the rule's range higher than the one this gateway has (their gossip state
 * {@value #STATE_KEY}: {@code name@version} of each validated model they hold, comma separated),
 * the highest version, from a member picked at random among those offering it, so that the first
 * gateways to hold a model do not all serve the whole site. The offers to skip are the caller's.
 */
public final class SpreadPlan {

    /** The gossip state key of the models a member offers. */
    public static final String STATE_KEY = "spread";

    /** A fetch to make: this version of the model from this member. */
    public record Source(String member, String model, Version version) {
    }

    private SpreadPlan() {
    }

    /**
     * @param have the highest version of the rule's model held here, or null for none
     * @param skip the offers not to take now: a member backing off, or its version of the model refused
     */
    public static Optional<Source> choose(List<Member> members, String self, Wants.Rule rule, Version have,
            BiPredicate<String, Version> skip, RandomGenerator random) {
        Version best = null;
        List<String> holders = new ArrayList<>();
        for (Member m : members) {
            if (!m.present() || m.id().equals(self) || !m.state().containsKey(PeerChannel.STATE_KEY)) {
                continue;
            }
            Version v = offered(m.state().get(STATE_KEY), rule, have, version -> !skip.test(m.id(), version));
            if (v == null) {
                continue;
            }
            int c = best == null ? 1 : v.compareTo(best);
            if (c > 0) {
                best = v;
                holders.clear();
            }
            if (c >= 0) {
                holders.add(m.id());
            }
        }
        return best == null ? Optional.empty()
                : Optional.of(new Source(holders.get(random.nextInt(holders.size())), rule.name(), best));
    }

    /** @return the highest version in {@code offers} that the rule wants, is above {@code have} and is taken, or null */
    static Version offered(String offers, Wants.Rule rule, Version have, Predicate<Version> taken) {
        if (offers == null) {
            return null;
        }
        Version best = null;
        for (String o : offers.split(",")) {
            int at = o.lastIndexOf('@');
            if (at <= 0 || !o.substring(0, at).equals(rule.name())) {
                continue;
            }
            Version v;
            try {
                v = Version.parseVersion(o.substring(at + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (rule.range().includes(v) && (have == null || v.compareTo(have) > 0) && (best == null || v.compareTo(best) > 0)
                    && taken.test(v)) {
                best = v;
            }
        }
        return best;
    }
}
