// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.asyncapi;

import dev.pipewright.model.Flow;
import dev.pipewright.model.config.Exported;

/** An AsyncAPI 3.0 document (YAML) describing a flow's channels, operations and messages. */
public final class AsyncApiDocument {
    private AsyncApiDocument() {
    }

    /** The flow as a self-contained AsyncAPI 3.0 YAML document. */
    public static Exported write(Flow flow) {
        throw new UnsupportedOperationException("AsyncAPI export is being built");
    }
}
