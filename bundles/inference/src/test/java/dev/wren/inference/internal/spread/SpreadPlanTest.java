package dev.wren.inference.internal.spread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

import dev.wren.peer.Member;

class SpreadPlanTest {

    private static final Wants.Rule TRIGGER = Wants.parse("vibration-trigger@[1.0,2.0)").get(0);

    @Test
    void theHighestVersionInRangeAboveWhatIsHeldComesFromAMemberThatOffersIt() {
        List<Member> members = List.of(member("gw-a", "vibration-trigger@1.0.0,vibration-classifier@1.0.0"),
                member("gw-b", "vibration-trigger@1.1.0,vibration-trigger@2.0.0"), member("gw-c", "vibration-trigger@1.1.0"),
                member("self", "vibration-trigger@1.5.0"));
        Set<String> from = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            SpreadPlan.Source s = SpreadPlan.choose(members, "self", TRIGGER, new Version(1, 0, 0), (m, v) -> false, random)
                    .orElseThrow();
            assertEquals(new Version(1, 1, 0), s.version(), "2.0.0 is out of range, 1.5.0 is this gateway's own");
            from.add(s.member());
        }
        assertEquals(Set.of("gw-b", "gw-c"), from, "spread over the members offering it");
        assertEquals(Optional.empty(), SpreadPlan.choose(members, "self", TRIGGER, new Version(1, 1, 0), (m, v) -> false,
                random), "nothing above what is held");
    }

    @Test
    void absentMembersMembersWithoutAChannelAndSkippedOffersAreNotAsked() {
        Member dead = new Member("gw-d", "h:1", Member.Status.DEAD, 1, Map.of("channel", "1", "spread", "vibration-trigger@1.9.0"), 1);
        Member noChannel = new Member("gw-e", "h:1", Member.Status.ALIVE, 1, Map.of("spread", "vibration-trigger@1.8.0"), 1);
        List<Member> members = List.of(dead, noChannel, member("gw-a", "vibration-trigger@1.2.0,vibration-trigger@1.1.0,garbage@,@1"));
        assertEquals(new Version(1, 2, 0), SpreadPlan.choose(members, "self", TRIGGER, null, (m, v) -> false, new Random())
                .orElseThrow().version());
        assertEquals(new Version(1, 1, 0), SpreadPlan.choose(members, "self", TRIGGER, null,
                (m, v) -> v.equals(new Version(1, 2, 0)), new Random()).orElseThrow().version(), "a refused version skipped");
        assertTrue(SpreadPlan.choose(members, "self", TRIGGER, null, (m, v) -> m.equals("gw-a"), new Random()).isEmpty());
    }

    private static Member member(String id, String spread) {
        return new Member(id, "127.0.0.1:1", Member.Status.ALIVE, 1, Map.of("channel", "1", SpreadPlan.STATE_KEY, spread), 1);
    }
}
