// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.sqs;

import dev.pipewright.model.Flow;
import dev.pipewright.model.config.Exported;
import java.util.regex.Pattern;

/**
 * Amazon SQS queue definitions: for each queue of a flow, the name and attributes of its
 * {@code CreateQueue} request, dead-letter queues before the queues whose redrive policy names them.
 */
public final class SqsQueues {
    /** The ARN prefix used unless one is given: region us-east-1, account 000000000000 (a placeholder). */
    public static final String DEFAULT_ARN_PREFIX = "arn:aws:sqs:us-east-1:000000000000";
    private static final Pattern ARN_PREFIX = Pattern.compile("arn:aws[a-z-]*:sqs:[a-z0-9-]{1,40}:[0-9a-z]{1,40}");

    private SqsQueues() {
    }

    /** The flow's queues, their dead-letter targets named with {@link #DEFAULT_ARN_PREFIX}. */
    public static Exported write(Flow flow) {
        return write(flow, DEFAULT_ARN_PREFIX);
    }

    /**
     * The flow's queues as a JSON document {@code {"queues": [...]}} whose entries are, in the order to
     * create them, each a {@code CreateQueue} request ({@code QueueName}, {@code Attributes}) as
     * {@code aws sqs create-queue --cli-input-json} takes it. The warnings name what SQS cannot hold.
     *
     * @param arnPrefix {@code arn:aws:sqs:REGION:ACCOUNT}, the start of the dead-letter queues' ARNs
     * @throws IllegalArgumentException when {@code arnPrefix} is not of that form; the message says so
     */
    public static Exported write(Flow flow, String arnPrefix) {
        if (arnPrefix == null || !ARN_PREFIX.matcher(arnPrefix).matches()) {
            throw new IllegalArgumentException("the ARN prefix must read arn:aws:sqs:REGION:ACCOUNT, such as "
                    + DEFAULT_ARN_PREFIX + " (was '" + (arnPrefix == null ? "" : shown(arnPrefix)) + "')");
        }
        return new QueueAttributesWriter(flow, arnPrefix).write();
    }

    /**
     * Each queue's {@code QueueName} in {@link #write}'s document, by node id: the names SQS's rules
     * allow, made unique as the export makes them (a live run finds its queues by them).
     */
    public static java.util.Map<String, String> names(Flow flow) {
        return new QueueAttributesWriter(flow, DEFAULT_ARN_PREFIX).names();
    }

    private static String shown(String s) {
        String cut = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        return dev.pipewright.model.TerminalText.escape(cut);
    }
}
