// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * How a source's messages due at one instant (a burst, or scripted messages at the same time) go to
 * an SQS queue: in {@code SendMessageBatch} calls of up to {@value #MAX_ENTRIES} entries whose bodies
 * together stay within {@value #MAX_BODY_BYTES} bytes, filled in turn. The live source sends so,
 * and the simulator counts a FIFO queue's calls so, for its quota of {@value #FIFO_CALLS_PER_SECOND}
 * calls a second ("Amazon SQS message quotas" in the Amazon SQS Developer Guide:
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html).
 */
public final class SqsSendBatch {
    /** Most entries of one SendMessageBatch (Amazon SQS API Reference, "SendMessageBatch"). */
    public static final int MAX_ENTRIES = 10;
    /**
     * The bodies one SendMessageBatch carries at most: SQS's 256 KiB for the whole batch, less room
     * for each entry's attributes (two numbers and up to eight headers of up to 255 bytes).
     */
    public static final int MAX_BODY_BYTES = 256 * 1024 - MAX_ENTRIES * 3 * 1024;
    /** SQS's largest message is 256 KiB with its attributes; a sized payload stays well below. */
    public static final int MAX_SIZED_BODY = 200 * 1024;
    /** A FIFO queue's API calls a second per action without high throughput (Amazon SQS message quotas). */
    public static final double FIFO_CALLS_PER_SECOND = 300;

    private SqsSendBatch() {
    }

    /** The body bytes of a message of payload size {@code payloadSize}: SQS needs one at least. */
    public static int bodyBytes(int payloadSize) {
        return Math.clamp(payloadSize, 1, MAX_SIZED_BODY);
    }

    /**
     * Whether a message of {@code bytes} body bytes joins a batch of {@code entries} entries and
     * {@code batchBytes} body bytes; false: the batch is sent and the message starts the next.
     */
    public static boolean joins(int entries, int batchBytes, int bytes) {
        return entries > 0 && entries < MAX_ENTRIES && batchBytes + bytes <= MAX_BODY_BYTES;
    }

    /** The calls that send {@code messages} messages of {@code bytes} body bytes each, due at one instant. */
    public static long calls(long messages, int bytes) {
        long perCall = Math.clamp(MAX_BODY_BYTES / Math.max(1, bytes), 1, MAX_ENTRIES);
        return (messages + perCall - 1) / perCall;
    }
}
