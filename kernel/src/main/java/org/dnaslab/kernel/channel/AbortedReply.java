package org.dnaslab.kernel.channel;

import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;

/** The execute_reply of a cell that was not run because an earlier queued cell failed: {@code {"status": "aborted"}}. */
final class AbortedReply implements ContentType<AbortedReply> {
    @SuppressWarnings("unused") // read by Gson
    private final String status = "aborted";

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MessageType<AbortedReply> getType() {
        return (MessageType) MessageType.EXECUTE_REPLY;
    }
}
