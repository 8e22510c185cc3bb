package dev.wren.gossip.internal.shell;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import org.jgroups.Event;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.stack.Protocol;

/**
 * A pass-through JGroups protocol that counts the members named by SUSPECT events going up: placed
 * right above FD_ALL3 it counts what the failure detectors raise (FD_SOCK2's pass through FD_ALL3),
 * right above VERIFY_SUSPECT2 what survived verification and reaches GMS. Named in the stack XML by
 * its full class name, twice; {@link #verified()} tells the two apart by the protocol under each;
 * {@link JGroupsMember} reads the counts.
 */
public class SuspectTap extends Protocol {

    private final LongAdder suspected = new LongAdder();

    /** @return true above VERIFY_SUSPECT2: it counts verified suspicions, not raw ones */
    public boolean verified() {
        return getDownProtocol() instanceof VERIFY_SUSPECT2;
    }

    public long suspected() {
        return suspected.sum();
    }

    @Override
    public Object up(Event evt) {
        if (evt.getType() == Event.SUSPECT && evt.getArg() instanceof Collection<?> c) {
            suspected.add(c.size());
        }
        return super.up(evt);
    }
}
