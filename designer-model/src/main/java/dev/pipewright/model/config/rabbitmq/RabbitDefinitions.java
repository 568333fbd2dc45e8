// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import dev.pipewright.model.Flow;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.Imported;
import dev.pipewright.model.io.FlowFileException;
import java.util.List;

/** RabbitMQ definitions JSON: a flow's exchanges, queues and bindings out, and a broker's back in. */
public final class RabbitDefinitions {
    /** The largest definitions file read. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private RabbitDefinitions() {
    }

    /**
     * The flow as the definitions of virtual host {@code vhost}, in the shape {@code rabbitmqctl
     * export_definitions} writes: its topics as exchanges, its queues with their {@code x-}
     * arguments, its topic edges as bindings. The warnings name what RabbitMQ cannot hold and
     * what is left out so that the broker accepts the rest; an INFO names each node that is
     * application code.
     *
     * @throws IllegalArgumentException when {@code vhost} is empty, holds a control character or is
     *     over 255 bytes in UTF-8; the message says so in words
     */
    public static Exported write(Flow flow, String vhost) {
        return DefinitionsWriter.write(flow, vhost);
    }

    /**
     * Reads definitions as a broker writes them: one flow per virtual host, laid out.
     *
     * @param sourceName the file or broker address, for messages
     * @throws FlowFileException when the text is not definitions; the message names the line and column
     */
    public static List<Imported> read(String text, String sourceName) throws FlowFileException {
        return DefinitionsReader.read(text, sourceName);
    }
}
