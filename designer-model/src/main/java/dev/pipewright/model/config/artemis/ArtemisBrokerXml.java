// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.artemis;

import dev.pipewright.model.Flow;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.Imported;
import dev.pipewright.model.io.FlowFileException;

/** ActiveMQ Artemis {@code broker.xml}: a flow's addresses, queues and address settings out, and back in. */
public final class ArtemisBrokerXml {
    /** The largest broker.xml read. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private ArtemisBrokerXml() {
    }

    /** The flow as a {@code broker.xml} an Artemis server starts from. */
    public static Exported write(Flow flow) {
        throw new UnsupportedOperationException("Artemis export is being built");
    }

    /**
     * Reads a {@code broker.xml} into a flow, laid out.
     *
     * @param sourceName the file, for messages
     * @throws FlowFileException when the text is not a broker.xml; the message names the line or element
     */
    public static Imported read(String text, String sourceName) throws FlowFileException {
        throw new UnsupportedOperationException("Artemis import is being built");
    }
}
