// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.SqsSendBatch;

/**
 * An SQS FIFO queue's send quota: at most {@value SqsSendBatch#FIFO_CALLS_PER_SECOND} API calls a
 * second per action ("Amazon SQS message quotas" and "Troubleshoot FIFO throttling issues" in the
 * Amazon SQS Developer Guide: 300 transactions per second per API action without high throughput;
 * above it a call gets a {@code ThrottlingException}, which the AWS SDK retries). A token bucket of
 * one second's calls, full at the start: each call takes a token, tokens come back at the quota's
 * rate, and while none is left a source waits as the SDK's retries make it wait.
 *
 * <p>A call is what the live run makes: a source's messages due at one instant go in one
 * {@code SendMessageBatch} while {@link SqsSendBatch#joins} lets them (10 entries, 256 KiB), so a
 * burst of 10 is one call; anything else (a processor's send, a message alone) is a call of its own.
 */
final class SqsSendQuota {
    /**
     * Tokens short of a whole one that still count as one: the wait for less would be too short
     * for the clock to move (a wake-up at the same instant, for ever).
     */
    private static final double SLACK = 1e-4;
    private static final double RATE = SqsSendBatch.FIFO_CALLS_PER_SECOND;

    private double tokens = RATE;
    private double at;
    /** The source whose batch is open, or null: the next send is a call of its own. */
    private Object batchSender;
    /** When the open batch was started; only messages due at that instant join it. */
    private double batchAt;
    private int batchEntries;
    private int batchBytes;

    private void refill(double now) {
        if (now > at) {
            tokens = Math.min(RATE, tokens + (now - at) * RATE);
            at = now;
        }
    }

    /** Whether {@code sender}'s message of {@code bytes} body bytes goes in the batch open now. */
    private boolean joins(double now, Object sender, int bytes) {
        return sender != null && sender == batchSender && now == batchAt
                && SqsSendBatch.joins(batchEntries, batchBytes, bytes);
    }

    /** Whether a new call now would be throttled: no whole token is left. */
    boolean throttled(double now) {
        refill(now);
        return tokens < 1 - SLACK;
    }

    /**
     * Whether {@code sender}'s message of {@code bytes} body bytes would be throttled now: it
     * needs a call of its own (it joins no open batch) and no whole token is left.
     */
    boolean throttled(double now, Object sender, int bytes) {
        return !joins(now, sender, bytes) && throttled(now);
    }

    /**
     * One message sent at {@code now} by {@code sender}, a source whose messages due at one
     * instant are batched, or null for a call of its own (a processor's send may go below zero: it
     * is not held back, the sources wait longer).
     */
    void take(double now, Object sender, int bytes) {
        refill(now);
        if (joins(now, sender, bytes)) {
            batchEntries++;
            batchBytes += bytes;
            return;
        }
        tokens--;
        batchSender = sender;
        batchAt = now;
        batchEntries = 1;
        batchBytes = bytes;
    }

    /** Seconds from {@code now} until a send is no longer throttled. */
    double untilFree(double now) {
        refill(now);
        return tokens >= 1 - SLACK ? 0 : (1 - tokens) / RATE;
    }
}
