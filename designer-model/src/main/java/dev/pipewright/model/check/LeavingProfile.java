// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Broker;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.QueueType;
import java.util.List;

/**
 * What a design made under the RabbitMQ or Artemis profile relied on that another profile does
 * otherwise: the rules it had without setting anything (Artemis's 10 delivery attempts, RabbitMQ
 * quorum queues' extra delivery). The target's own checks say what its properties mean there; the
 * SQS and Pub/Sub designs' losses are in {@link SqsPortability} and {@link PubSubPortability}.
 */
final class LeavingProfile {
    private LeavingProfile() {
    }

    /** The findings for {@code q} of a flow made for {@code from}, checked for {@code target}. */
    static void queue(QueueSettings q, Broker from, Broker target, List<Finding> out) {
        if (from == target) {
            return;
        }
        switch (from) {
            case RABBITMQ -> rabbitMq(q, target, out);
            case ARTEMIS -> artemis(q, target, out);
            default -> {
            }
        }
    }

    static String name(Broker target) {
        return target == Broker.GENERIC ? "the generic profile" : target.label();
    }

    private static void rabbitMq(QueueSettings q, Broker target, List<Finding> out) {
        if (q.queueType() == QueueType.QUORUM && q.deliveryLimit() != null) {
            out.add(Finding.info(q.id(), null, "queue '" + q.name() + "' is a RabbitMQ quorum queue whose delivery limit "
                    + q.deliveryLimit() + " allowed " + (q.deliveryLimit() + 1) + " deliveries; " + name(target)
                    + " allows " + q.deliveryLimit(), "raise the delivery limit by one to keep the count"));
        }
    }

    private static void artemis(QueueSettings q, Broker target, List<Finding> out) {
        if (q.deliveryLimit() == null) {
            out.add(Finding.info(q.id(), null, "queue '" + q.name() + "' relies on Artemis's 10 delivery attempts"
                    + " (max-delivery-attempts); " + name(target) + " has no delivery limit unless one is set, so a"
                    + " message that keeps failing comes back for ever", "set a delivery limit of 10"));
        }
    }
}
