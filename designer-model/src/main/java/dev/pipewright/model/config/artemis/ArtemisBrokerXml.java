// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.artemis;

import dev.pipewright.model.Flow;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.Imported;
import dev.pipewright.model.io.FlowFileException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * ActiveMQ Artemis {@code broker.xml}: a flow's addresses, queues and address settings out, and back in.
 * Queues and dead-letter queues become anycast addresses with an address setting each, topics
 * multicast addresses, and bindings non-exclusive diverts whose filter matches the message property
 * {@link #ROUTING_KEY_PROPERTY}; docs/configuration.md has the whole mapping and what is warned about.
 */
public final class ArtemisBrokerXml {
    /** The largest broker.xml read. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    /**
     * The message property a publisher sets to the routing key: Artemis has no routing key, so the
     * diverts of a direct or topic topic select on it.
     */
    public static final String ROUTING_KEY_PROPERTY = "routingKey";

    private ArtemisBrokerXml() {
    }

    /** The flow as a {@code broker.xml} an Artemis server starts from. */
    public static Exported write(Flow flow) {
        return BrokerXmlWriter.write(Objects.requireNonNull(flow, "flow"));
    }

    /**
     * Reads a {@code broker.xml} into a flow, laid out.
     *
     * @param sourceName the file, for messages
     * @throws FlowFileException when the text is not a broker.xml; the message names the line or element
     */
    public static Imported read(String text, String sourceName) throws FlowFileException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        // A char is at least one byte: only a text near the limit needs counting.
        if (text.length() > MAX_BYTES || (text.length() > MAX_BYTES / 3
                && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES)) {
            throw new FlowFileException(sourceName, "the file is too large to be an Artemis broker.xml (over "
                    + MAX_BYTES / (1024 * 1024) + " MiB)", null);
        }
        return BrokerXmlReader.read(text, sourceName);
    }
}
