// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Objects;

/**
 * A JSON document of another format (a broker's definitions) parsed with the flow reader's limits
 * and words: the same refusals of empty, binary, malformed, cut-off, too deep or too large text,
 * each one {@link FlowFileException} naming the line and column; and, once parsed, the place of
 * any value by JSON pointer ({@code /queues/3/arguments/x-max-length}), so that a reader that
 * refuses a value can name where it is.
 */
public final class LocatedDocument {
    private final String sourceName;
    private final LocatedJson parsed;

    private LocatedDocument(String sourceName, LocatedJson parsed) {
        this.sourceName = sourceName;
        this.parsed = parsed;
    }

    /**
     * Parses text that must be exactly one JSON value.
     *
     * @param sourceName the file or address, for messages; null for {@code <text>}
     * @param what what the text should be, with its article ("a RabbitMQ definitions file")
     * @throws FlowFileException when it is not JSON, or too large or deep to read
     */
    public static LocatedDocument parse(String text, String sourceName, String what) throws FlowFileException {
        String source = sourceName == null ? "<text>" : sourceName;
        Objects.requireNonNull(what, "what");
        try {
            if (text == null || text.isBlank()) {
                throw new FlowFileException(source, "the file is empty: " + what + " is a JSON object", null);
            }
            String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
            if (hasControlCharacters(body)) {
                throw new FlowFileException(source, "this is not " + what + ": it holds binary data, not text", null);
            }
            return new LocatedDocument(source, LocatedJson.parse(body, what));
        } catch (ReadProblem e) {
            LocatedJson.Place place = e.place() != null ? e.place() : LocatedJson.Place.NOWHERE;
            throw new FlowFileException(source, place.line(), place.column(), null, null, e.getMessage(), e);
        } catch (StreamConstraintsException e) {
            throw new FlowFileException(source, "the file is too large, too deeply nested or has too long a value"
                    + " to be " + what, e);
        } catch (JsonProcessingException e) {
            LocatedJson.Place place = LocatedJson.place(e.getLocation());
            boolean cutOff = e instanceof JsonEOFException
                    || (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Unexpected end-of-input"));
            throw new FlowFileException(source, place.line(), place.column(), null, null, cutOff
                    ? "the file ends in the middle of the JSON: it is incomplete (was it cut off?)"
                    : "this is not valid JSON: " + JsonProblems.plain(e.getOriginalMessage()), e);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new FlowFileException(source, "this file could not be read because of an unexpected problem in"
                    + " Pipewright; please report it together with the file", e);
        }
    }

    /** The parsed value. */
    public JsonNode root() {
        return parsed.root();
    }

    /**
     * The error for the value at {@code pointer}, placed at its line and column (or its nearest
     * enclosing value's).
     *
     * @param problem what is wrong and what to do, without the place
     */
    public FlowFileException problem(String pointer, String problem, Throwable cause) {
        LocatedJson.Place place = parsed.placeOf(pointer);
        return new FlowFileException(sourceName, place.line(), place.column(), null, null, problem, cause);
    }

    /** The pointer of {@code key} inside the value at {@code pointer}, escaped as JSON pointers are. */
    public static String child(String pointer, String key) {
        return pointer + "/" + LocatedJson.escape(key);
    }

    /** Control characters no text file has (NUL and the other C0 controls but tab and line ends). */
    private static boolean hasControlCharacters(String text) {
        int limit = Math.min(text.length(), 4096);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return true;
            }
        }
        return false;
    }
}
