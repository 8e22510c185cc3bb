package dev.wren.gossip.internal.wire;

import java.util.List;

/** Valid messages and updates of every kind, shared by the codec's tests and the fuzzers' seeds. */
public final class CodecTestData {

    public static final List<Update> UPDATES = CodecTest.UPDATES;
    public static final List<Message> MESSAGES = CodecTest.MESSAGES;

    private CodecTestData() {
    }
}
