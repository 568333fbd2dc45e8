// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.api.MessageEvents;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code run --trace FILE}: one JSON object a line for each message event, written as the run
 * goes (buffered), until the limit of events; on the engine thread only.
 */
final class TraceFile implements MessageEvents, AutoCloseable {
    private final Path path;
    private final long limit;
    private final JsonGenerator json;
    private long written;
    private boolean full;
    private IOException failure;

    private TraceFile(Path path, long limit, JsonGenerator json) {
        this.path = path;
        this.limit = limit;
        this.json = json;
    }

    /** Opens (creates or empties) the file; an {@link IOException} says it cannot be written. */
    static TraceFile open(Path path, long limit) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        json.setRootValueSeparator(null);
        return new TraceFile(path, limit, json);
    }

    @Override
    public void onMessageEvent(MessageEvent e) {
        if (full || failure != null) {
            return;
        }
        if (written >= limit) {
            full = true;
            return;
        }
        try {
            json.writeStartObject();
            json.writeNumberField("t", e.t());
            json.writeStringField("event", e.event());
            json.writeStringField("node", e.node());
            json.writeNumberField("message", e.message());
            json.writeNumberField("delivery", e.delivery());
            json.writeStringField("reason", e.reason());
            json.writeEndObject();
            json.writeRaw('\n');
            written++;
        } catch (IOException io) {
            failure = io;
        }
    }

    /** Events written. */
    long written() {
        return written;
    }

    /** True when events were left out because the limit was reached. */
    boolean full() {
        return full;
    }

    Path path() {
        return path;
    }

    /** Flushes and closes the file; throws the first write failure, if there was one. */
    @Override
    public void close() throws IOException {
        try {
            json.close();
        } catch (IOException io) {
            if (failure == null) {
                failure = io;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
