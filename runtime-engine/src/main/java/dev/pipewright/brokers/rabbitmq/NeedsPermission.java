// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import java.io.IOException;

/**
 * A failure of an AMQP method that needs one of RabbitMQ's three permissions on the virtual host:
 * what the method did and which permission it needs, so that a refusal (whose reply text names the
 * resource but, before RabbitMQ 3.12, not the permission) is told in one sentence saying what to grant.
 */
final class NeedsPermission extends IOException {
    private static final long serialVersionUID = 1L;

    /** The permission: "configure", "write" or "read". */
    final String permission;
    /** What was refused, as a verb before the resource: "declare", "publish to", "consume from", "bind". */
    final String verb;

    NeedsPermission(String permission, String verb, Throwable cause) {
        super(verb + " needs the " + permission + " permission", cause);
        this.permission = permission;
        this.verb = verb;
    }
}
