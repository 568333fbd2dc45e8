// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.engine.template.NodeRandom;
import dev.pipewright.engine.template.PayloadTemplate;
import dev.pipewright.model.Source;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The payloads one source of a live run sends: its payload template filled in by the simulator's
 * {@link PayloadTemplate} (every placeholder: {@code ${seq}}, {@code ${random(a,b)}},
 * {@code ${oneOf(...)}}), drawn from the stream the simulator's source draws from for the same
 * seed ({@link NodeRandom}); or, without a template, {@code payloadSize} bytes. So a source whose
 * stream holds only payload draws (constant arrivals, no priority mix, no duplicates) sends
 * exactly the simulator's payloads, and any other the same kinds of value. Used by the source's
 * own thread only.
 */
public final class LivePayload {
    /** The longest text sent: a template that fills in to more is cut there. */
    public static final int MAX_CHARS = 1 << 20;

    private final Source source;
    private final PayloadTemplate template;
    private final SplittableRandom rng;

    /**
     * The payloads of {@code source} in a run of seed {@code runSeed}.
     *
     * @throws IllegalArgumentException when the template is one the simulator refuses too ({@link LiveChecks} says so first)
     */
    public LivePayload(Source source, long runSeed) {
        this.source = source;
        boolean templated = source.payloadTemplate() != null && !source.payloadTemplate().isBlank();
        this.template = templated ? new PayloadTemplate(source.payloadTemplate()) : null;
        this.rng = NodeRandom.of(runSeed, source.id());
    }

    /** The text of message {@code seq}, its placeholders drawn now; null for an opaque body. */
    public String text(long seq) {
        if (template == null) {
            return null;
        }
        String text = template.text(seq, rng);
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }

    /** The body of a message whose {@link #text} was {@code text}: its UTF-8, or {@code payloadSize} bytes. */
    public byte[] body(String text) {
        return text != null ? text.getBytes(StandardCharsets.UTF_8) : new byte[source.payloadSize()];
    }
}
