package dev.wren.gossip.internal.shell;

import java.util.HashSet;
import java.util.Set;

import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.stack.Protocol;
import org.jgroups.util.NameCache;

/**
 * One JGroups member, a member process of {@link MembershipBenchmark}: a {@link JChannel} on the
 * stack XML named by the first argument (a test resource), joined to cluster {@code bench} under
 * the logical name {@code <id>}; reports through {@link MemberLines}.
 *
 * <p>Arguments: {@code <stack resource> <id>}. The stack reads its port and its static member
 * list (TCPPING) from the system properties {@code jgroups.bind_port} and
 * {@code jgroups.tcpping.initial_hosts}.
 */
public final class JGroupsMember {

    private JGroupsMember() {
    }

    public static void main(String[] args) throws Exception {
        MemberLines out = new MemberLines(System.out);
        JChannel ch = new JChannel(args[0]).name(args[1]);
        Set<String> view = new HashSet<>();
        ch.setReceiver(new Receiver() {
            @Override
            public void viewAccepted(View v) {
                Set<String> now = new HashSet<>();
                for (Address a : v.getMembers()) {
                    String n = NameCache.get(a);
                    now.add(n == null ? a.toString() : n);
                }
                synchronized (view) {
                    view.stream().filter(n -> !now.contains(n)).forEach(out::gone);
                    now.stream().filter(n -> !view.contains(n)).forEach(out::up);
                    view.clear();
                    view.addAll(now);
                }
            }
        });
        ch.connect("bench");
        Runtime.getRuntime().addShutdownHook(new Thread(ch::close));
        SuspectTap raw = null;
        SuspectTap verified = null;
        for (Protocol p : ch.getProtocolStack().getProtocols()) {
            if (p instanceof SuspectTap t) {
                if (t.verified()) {
                    verified = t;
                } else {
                    raw = t;
                }
            }
        }
        while (true) { // the main thread reports; Wren's reports from its loop's thread, parked here
            Thread.sleep(1_000);
            out.stat(ch.getView() == null ? 0 : ch.getView().size(), raw == null ? 0 : raw.suspected(),
                    verified == null ? 0 : verified.suspected());
        }
    }
}
