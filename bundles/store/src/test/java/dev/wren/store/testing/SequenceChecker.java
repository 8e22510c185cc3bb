package dev.wren.store.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cloud's side of the outbox sequence: fed every message of one gateway as it arrives (in any
 * order, duplicates included), it tells which ids are missing. Wren numbers the messages it
 * accepts 1, 2, 3... without a gap, also across restarts, and reports every id it deleted or lost
 * without delivering it in life-cycle messages on channel {@code outbox/gaps}:
 * {@code {"id":90,"ts":...,"evicted":[[3,7]],"expired":[[9,9]],"lost":[[20,25]]}}. So once the
 * gateway's outbox is drained, an id up to the highest seen that neither arrived nor was reported
 * is a silent loss; while it is not drained, such an id may still be on its way.
 *
 * <p>A consumer keeps this state per gateway (durably, in its own store); this class keeps it in
 * memory for ids below 2^31, which is what the tests and the crash-loop benchmark need.
 */
public final class SequenceChecker {

    /**
     * @param received   distinct ids that arrived
     * @param duplicates arrivals beyond the first of an id
     * @param high       the highest id seen, received or reported
     * @param evicted    ids reported evicted (made room for more urgent messages)
     * @param expired    ids reported expired (time to live ran out before they could be sent)
     * @param lost       ids reported lost (storage damage found at recovery)
     * @param missing    ids up to {@code high} neither received nor reported: silent gaps once drained
     * @param gaps       {@code missing} as ranges, the first 20
     * @param relayed    ids reported relayed (they carried another gateway's message, sent under its id)
     */
    public record Verdict(long received, long duplicates, long high, long evicted, long expired, long lost,
            long missing, List<long[]> gaps, long relayed) {

        /** @return the first gaps as {@code 3-7, 12} */
        public String describeGaps() {
            StringBuilder s = new StringBuilder();
            for (long[] g : gaps) {
                s.append(s.length() == 0 ? "" : ", ").append(g[0]).append(g[0] == g[1] ? "" : "-" + g[1]);
            }
            return s.toString();
        }
    }

    /** The channel of the gap reports, as in {@code dev.wren.store.Outbox.CHANNEL_GAPS}. */
    public static final String GAPS = "outbox/gaps";

    private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+)");
    private static final Pattern KIND = Pattern.compile("\"(evicted|expired|lost|relayed)\":\\[((?:\\[\\d+,\\d+\\],?)*)\\]");
    private static final Pattern PAIR = Pattern.compile("\\[(\\d+),(\\d+)\\]");

    private final BitSet received = new BitSet();
    private final BitSet evicted = new BitSet();
    private final BitSet expired = new BitSet();
    private final BitSet lost = new BitSet();
    private final BitSet relayed = new BitSet();
    private long duplicates;
    private int high;

    /**
     * One message as it arrived.
     *
     * @param topic   its MQTT topic (a gap report's ends with {@value #GAPS})
     * @param payload as sent: {@code {"id":N,"ts":...,...}}
     * @throws IllegalArgumentException when the payload carries no id
     */
    public synchronized void message(String topic, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        Matcher m = ID.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no id in a message on " + topic + ": " + text);
        }
        int id = Math.toIntExact(Long.parseLong(m.group(1)));
        if (received.get(id)) {
            duplicates++;
        }
        received.set(id);
        high = Math.max(high, id);
        if (topic.endsWith(GAPS)) {
            Matcher k = KIND.matcher(text);
            while (k.find()) {
                BitSet into = switch (k.group(1)) {
                    case "evicted" -> evicted;
                    case "expired" -> expired;
                    case "relayed" -> relayed;
                    default -> lost;
                };
                Matcher p = PAIR.matcher(k.group(2));
                while (p.find()) {
                    int a = Math.toIntExact(Long.parseLong(p.group(1)));
                    int b = Math.toIntExact(Long.parseLong(p.group(2)));
                    into.set(a, b + 1);
                    high = Math.max(high, b);
                }
            }
        }
    }

    public synchronized Verdict verdict() {
        BitSet accounted = (BitSet) received.clone();
        accounted.or(evicted);
        accounted.or(expired);
        accounted.or(lost);
        accounted.or(relayed);
        List<long[]> gaps = new ArrayList<>();
        long missing = 0;
        for (int from = accounted.nextClearBit(1); from <= high; ) {
            int to = Math.min(accounted.nextSetBit(from) < 0 ? high + 1 : accounted.nextSetBit(from), high + 1);
            missing += to - from;
            if (gaps.size() < 20) {
                gaps.add(new long[] {from, to - 1});
            }
            from = accounted.nextClearBit(to);
        }
        return new Verdict(received.cardinality(), duplicates, high, evicted.cardinality(), expired.cardinality(),
                lost.cardinality(), missing, gaps, relayed.cardinality());
    }
}
