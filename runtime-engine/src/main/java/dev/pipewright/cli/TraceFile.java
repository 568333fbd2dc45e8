// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pipewright.brokers.live.LiveEvents;
import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.api.MessageEvents;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code run --trace FILE} and {@code deploy --trace FILE}: one JSON object a line for each message
 * event, written as the run goes (buffered), until the limit of events. A simulation's events come
 * on the engine thread only; a live run's from the clients' threads, so those are written one at a
 * time.
 */
final class TraceFile implements MessageEvents, LiveEvents, AutoCloseable {
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

    /** Opens the file, or tells {@code err} in one line why it cannot and returns null. */
    static TraceFile openOrTell(Path path, long limit, PrintWriter err) {
        try {
            return open(path, limit);
        } catch (IOException | RuntimeException e) {
            err.println(path + ": cannot write the trace here: " + (e instanceof NoSuchFileException
                    ? "its folder does not exist" : e instanceof AccessDeniedException ? "permission denied"
                    : Messages.oneLine(e)));
            return null;
        }
    }

    /**
     * Closes the file and tells {@code err} when events were left out; false (told) when writing failed.
     */
    boolean closeAndTell(PrintWriter err) {
        try {
            close();
        } catch (IOException e) {
            err.println(path + ": writing the trace failed after " + written + " events: " + Messages.oneLine(e));
            return false;
        }
        if (full) {
            err.println(path + ": the trace stopped after " + written + " events (--trace-limit); the run went on without it");
        }
        return true;
    }

    @Override
    public void onMessageEvent(MessageEvent e) {
        write(e.t(), e.event(), e.node(), e.message(), null, e.delivery(), e.reason());
    }

    /** A live run's event: its message named by the id its source gave it ({@code src-17}), no reason. */
    @Override
    public synchronized void onLiveEvent(double seconds, String event, String node, String message, int delivery) {
        write(seconds, event, node, 0, message, delivery, "");
    }

    private void write(double t, String event, String node, long id, String liveId, int delivery, String reason) {
        if (full || failure != null) {
            return;
        }
        if (written >= limit) {
            full = true;
            return;
        }
        try {
            json.writeStartObject();
            json.writeNumberField("t", t);
            json.writeStringField("event", event);
            json.writeStringField("node", node);
            if (liveId == null) {
                json.writeNumberField("message", id);
            } else {
                json.writeStringField("message", liveId);
            }
            json.writeNumberField("delivery", delivery);
            json.writeStringField("reason", reason);
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
