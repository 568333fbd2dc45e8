// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

/**
 * An SQS FIFO queue's send quota: at most {@value #CALLS_PER_SECOND} {@code SendMessage} calls a
 * second ("Amazon SQS message quotas" and "Troubleshoot FIFO throttling issues" in the Amazon SQS
 * Developer Guide: 300 transactions per second per API action without high throughput; above it
 * a call gets a {@code ThrottlingException}, which the AWS SDK retries). A token bucket of one
 * second's calls, full at the start: each send takes a token, tokens come back at the quota's
 * rate, and while none is left a source waits as the SDK's retries make it wait. The engine sends
 * one message a call (no {@code SendMessageBatch}), so the quota is 300 messages a second.
 */
final class SqsSendQuota {
    /** FIFO's quota per API action without high throughput. */
    static final double CALLS_PER_SECOND = 300;

    /**
     * Tokens short of a whole one that still count as one: the wait for less would be too short
     * for the clock to move (a wake-up at the same instant, for ever).
     */
    private static final double SLACK = 1e-4;

    private double tokens = CALLS_PER_SECOND;
    private double at;

    private void refill(double now) {
        if (now > at) {
            tokens = Math.min(CALLS_PER_SECOND, tokens + (now - at) * CALLS_PER_SECOND);
            at = now;
        }
    }

    /** Whether a send now would be throttled: no whole token is left. */
    boolean throttled(double now) {
        refill(now);
        return tokens < 1 - SLACK;
    }

    /** One send at {@code now} (a processor's send may go below zero: it is not held back, the sources wait longer). */
    void take(double now) {
        refill(now);
        tokens--;
    }

    /** Seconds from {@code now} until a send is no longer throttled. */
    double untilFree(double now) {
        refill(now);
        return tokens >= 1 - SLACK ? 0 : (1 - tokens) / CALLS_PER_SECOND;
    }
}
