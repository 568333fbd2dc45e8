// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.Death;
import dev.pipewright.model.Broker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The headers a dead-lettered or expired message carries on the flow's broker, as lines for the
 * inspector: RabbitMQ's {@code x-death} history (one entry per queue and reason), or Artemis's
 * {@code _AMQ_ORIG_*} properties, which say only where the message was before its last move.
 */
final class DeadLetterHeaders {
    private DeadLetterHeaders() {
    }

    /**
     * The lines for {@code deaths} under {@code broker}.
     *
     * @param nameOf a queue's name (the broker's address) from its node id
     */
    static List<String> lines(Broker broker, List<Death> deaths, UnaryOperator<String> nameOf) {
        List<String> lines = new ArrayList<>();
        if (deaths.isEmpty()) {
            return lines;
        }
        if (broker == Broker.ARTEMIS) {
            Death last = deaths.stream().max(Comparator.comparingDouble(Death::time)).orElseThrow();
            String from = nameOf.apply(last.queue());
            String line = "_AMQ_ORIG_ADDRESS=" + from + " _AMQ_ORIG_QUEUE=" + from;
            if (last.reason().equals("expired")) {
                line += " _AMQ_ACTUAL_EXPIRY=" + LiveFormat.elapsed(last.time());
            }
            lines.add(line);
            return lines;
        }
        for (Death d : deaths) {
            lines.add("x-death: reason=" + d.reason() + " queue=" + nameOf.apply(d.queue()) + " count=" + d.count()
                    + " time=" + LiveFormat.elapsed(d.time()));
        }
        return lines;
    }
}
