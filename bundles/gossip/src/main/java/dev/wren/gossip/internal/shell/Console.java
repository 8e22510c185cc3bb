package dev.wren.gossip.internal.shell;

import java.util.Locale;
import java.util.Map;

import dev.wren.gossip.internal.Counters;
import dev.wren.gossip.internal.Node;
import dev.wren.gossip.internal.channel.Channel;
import dev.wren.peer.Member;
import dev.wren.peer.PeerChannel;

/** The text of {@code wren:peers}: this node, every member with its state, and the counters. */
final class Console {

    private Console() {
    }

    static String describe(Node n, Settings s, long now, long socketErrors) {
        StringBuilder b = new StringBuilder(1024);
        b.append(s).append("\n  ").append(n.presentCount()).append(" present, health ").append(n.health())
                .append(" (0 = healthy), boot epoch ").append(n.epoch()).append(", incarnation ").append(n.incarnation())
                .append(", ").append(n.queued())
                .append(" updates queued\n");
        for (Member m : n.members()) {
            b.append(String.format(Locale.ROOT, "  %-20s %-21s %-7s inc %d%s", m.id(), m.address(), m.status(),
                    m.incarnation(), m.id().equals(n.id()) ? " (this gateway)" : ""));
            if (!m.state().isEmpty()) {
                b.append("\n      ");
                new java.util.TreeMap<>(m.state()).forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
            }
            b.append('\n');
        }
        Counters c = n.counters();
        b.append("  packets in ").append(c.packetsIn()).append(" (").append(bytes(c.bytesIn())).append("), out ")
                .append(c.packetsOut()).append(" (").append(bytes(c.bytesOut())).append("), socket errors ")
                .append(socketErrors).append("; suspicions ").append(c.suspicions()).append(", deaths ")
                .append(c.deaths()).append(", refutes ").append(c.refutes()).append('\n');
        Map<?, Long> drops = c.drops();
        b.append("  dropped ").append(c.droppedTotal() == 0 ? "none" : drops).append('\n');
        return b.toString();
    }

    /** The channel's lines: off, or its port, refusals and one line per member it spoke with. */
    static String channel(Channel c, Settings s) {
        if (c == null) {
            return "  channel " + (s != null && s.channel() != null ? "not listening (see the log)" : "off") + "\n";
        }
        StringBuilder b = new StringBuilder(256);
        b.append("  channel on TCP ").append(c.port()).append(", connections refused ").append(c.refusals()).append('\n');
        for (PeerChannel.Link l : c.links()) {
            b.append(String.format(Locale.ROOT, "    %-20s calls out %d, in %d, failed %d; sent %s, received %s%s%n",
                    l.member(), l.callsOut(), l.callsIn(), l.failures(), bytes(l.bytesOut()), bytes(l.bytesIn()),
                    l.connected() ? "; connected" : ""));
        }
        return b.toString();
    }

    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB", "EB"};

    /** @return {@code 512 B}, or from 1000 bytes on decimal units with the exact count: {@code 1.2 MB, 1234567 B} */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        double a = n / 1000.0;
        int i = 0;
        while (a >= 999.95 && i < UNITS.length - 1) {
            a /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s, %d B", a, UNITS[i], n);
    }
}
