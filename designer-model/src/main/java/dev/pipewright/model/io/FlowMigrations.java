// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Flow;

/**
 * Brings a document written by an older format version up to {@link Flow#FORMAT_VERSION}, one
 * version at a time, before it is read. Version 1 is the first, so there are no steps yet; when the
 * format changes, add a step {@code n -> n + 1} here and a test with a version-n file.
 */
final class FlowMigrations {
    private FlowMigrations() {
    }

    /**
     * The document as the current version would have written it.
     *
     * @param tree the whole document; it may be changed in place
     * @param fromVersion the version it was written in, 1 to {@link Flow#FORMAT_VERSION}
     */
    static ObjectNode migrate(ObjectNode tree, int fromVersion) {
        if (fromVersion < 1 || fromVersion > Flow.FORMAT_VERSION) {
            throw new IllegalArgumentException("no migration from version " + fromVersion);
        }
        ObjectNode current = tree;
        for (int version = fromVersion; version < Flow.FORMAT_VERSION; version++) {
            current = step(current, version);
        }
        current.put("version", Flow.FORMAT_VERSION);
        return current;
    }

    /** One step from {@code version} to {@code version + 1}. */
    private static ObjectNode step(ObjectNode tree, int version) {
        throw new IllegalStateException("no migration step from version " + version + " to " + (version + 1));
    }
}
