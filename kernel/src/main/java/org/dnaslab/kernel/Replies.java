package org.dnaslab.kernel;

import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

import java.util.ArrayList;
import java.util.List;

/**
 * Replies that carry {@code "status": "ok"}, which the messaging spec (v5) requires of every reply and Jupyter's
 * conformance suite checks; jjava 1.0-a6 leaves it out of these two.
 */
final class Replies {
    private Replies() {
    }

    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // read by Gson
        private final String status = "ok";

        KernelInfo(String protocol, String name, String version, LanguageInfo language, String banner, List<HelpLink> links) {
            super(protocol, name, version, language, banner, links);
        }
    }

    /**
     * A history_reply whose entries are the spec's tuples, [session, line, input] or [session, line, [input, output]]:
     * jjava's own reply would be sent as JSON objects, because its tuple adapter is only registered for reading.
     */
    static final class History implements ContentType<History> {
        @SuppressWarnings("unused") // read by Gson
        private final String status = "ok";
        @SuppressWarnings("unused") // read by Gson
        private final List<List<Object>> history = new ArrayList<>();

        History(List<HistoryEntry> entries) {
            for (HistoryEntry e : entries) {
                Object cell = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
                history.add(List.of(e.getSession(), e.getCellNumber(), cell));
            }
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<History> getType() {
            return (MessageType) HistoryReply.MESSAGE_TYPE;
        }
    }
}
