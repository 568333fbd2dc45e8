// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import dev.pipewright.model.NatsLimits;
import io.nats.client.impl.Headers;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The headers a source's message carries on NATS: the message's own ({@code LiveMessages.headers}:
 * the source's, its script entry's, the entry's id as {@code id}), filtered and capped, since a flow
 * file may come from a stranger, then the run's own ({@code pw-id}, {@code pw-t0}).
 *
 * <p>A header is left out, not escaped, when NATS cannot carry it or the run must not take it:
 * a name outside printable ASCII, with a colon, or longer than {@value #MAX_NAME_CHARS}; a value
 * with a control character or anything beyond ASCII, or longer than {@value #MAX_VALUE_CHARS}
 * (jnats refuses these; CR or LF would end the header block); a name starting {@code pw-} (the
 * run's own); a name starting {@code Nats-} other than {@code Nats-Msg-Id} (server instructions such
 * as {@code Nats-Rollup} or {@code Nats-Expected-Stream} that the simulator does not model). An
 * escaped value would arrive changed, so a consumer's {@code failWhen} and the duplicate window
 * would compare something else than the simulator does, unseen; left out, {@link #leftOut} says so
 * before the run. At most {@value #MAX_HEADERS} headers and {@value #MAX_BYTES} bytes of names and
 * values go with a message, in name order, {@code Nats-Msg-Id} first, the rest left out.
 */
final class NatsHeaders {
    /** Most headers of its own a message carries. */
    static final int MAX_HEADERS = 32;
    /** Most characters of a header's name. */
    static final int MAX_NAME_CHARS = 128;
    /** Most characters of a header's value. */
    static final int MAX_VALUE_CHARS = 1024;
    /** Most bytes of names and values together, of a message's own headers. */
    static final int MAX_BYTES = 8 * 1024;
    private static final String RUN_PREFIX = "pw-";
    private static final String SERVER_PREFIX = "nats-";

    private NatsHeaders() {
    }

    /**
     * Why the header {@code name: value} is not sent on NATS, in a few words ("its value has a
     * control character"), or null when it is.
     */
    static String leftOut(String name, String value) {
        if (name == null || name.isEmpty()) {
            return "it has no name";
        }
        if (name.length() > MAX_NAME_CHARS) {
            return "its name is longer than " + MAX_NAME_CHARS + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return "its name has a character NATS does not take (spaces, colons, control characters, non-ASCII)";
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(RUN_PREFIX)) {
            return "pw- headers are the run's own";
        }
        if (lower.startsWith(SERVER_PREFIX) && !name.equals(NatsLimits.MSG_ID_HEADER)) {
            return "Nats- headers other than Nats-Msg-Id instruct the server, which the simulator does not model";
        }
        if (value == null || (value.isEmpty() && name.equals(NatsLimits.MSG_ID_HEADER))) {
            return "it has no value";
        }
        if (value.length() > MAX_VALUE_CHARS) {
            return "its value is longer than " + MAX_VALUE_CHARS + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 32 && c != '\t') || c > 126) {
                return "its value has a control character or one beyond ASCII";
            }
        }
        return null;
    }

    /**
     * The headers of {@code message} that go with it: those {@link #leftOut} keeps, {@code Nats-Msg-Id}
     * first, then in the map's order (name order, as a source's and its script's headers are kept),
     * at most {@value #MAX_HEADERS} of them and {@value #MAX_BYTES} bytes. A source publishing by
     * its rate sends the same headers each time, so its publisher works them out once.
     */
    static Map<String, String> carried(Map<String, String> message) {
        Map<String, String> out = new LinkedHashMap<>();
        if (message.isEmpty()) {
            return out;
        }
        int bytes = 0;
        String id = message.get(NatsLimits.MSG_ID_HEADER);
        if (id != null && leftOut(NatsLimits.MSG_ID_HEADER, id) == null) {
            out.put(NatsLimits.MSG_ID_HEADER, id);
            bytes += NatsLimits.MSG_ID_HEADER.length() + id.length();
        }
        for (Map.Entry<String, String> h : message.entrySet()) {
            if (out.size() >= MAX_HEADERS) {
                break;
            }
            String name = h.getKey();
            String value = h.getValue();
            if (out.containsKey(name) || leftOut(name, value) != null) {
                continue;
            }
            int size = name.length() + value.length();
            if (bytes + size > MAX_BYTES) {
                continue; // a smaller one later may still fit
            }
            out.put(name, value);
            bytes += size;
        }
        return out;
    }

    /**
     * The jnats headers of a message that carries {@code carried} ({@link #carried}), then the
     * run's, which no message header overrides: its ledger id, its publish time, and as
     * {@code Nats-Msg-Id} the message's own when it has one (so the stream's duplicate window drops
     * a repeat, as the simulator's queue filters it), else {@code runMsgId}.
     */
    static Headers of(Map<String, String> carried, String runMsgId, String ledgerId, long publishedNanos) {
        Headers h = new Headers();
        carried.forEach(h::put);
        if (!h.containsKey(NatsLimits.MSG_ID_HEADER)) {
            h.put(NatsLimits.MSG_ID_HEADER, runMsgId);
        }
        return h.put(NatsLiveRun.ID_HEADER, ledgerId).put(NatsLiveRun.T0_HEADER, Long.toString(publishedNanos));
    }
}
