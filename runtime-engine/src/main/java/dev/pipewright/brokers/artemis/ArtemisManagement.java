// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Artemis's management API over JMS: request messages to the management address
 * {@code activemq.management}, each answered on a temporary queue within a timeout (never waiting
 * for ever, as {@code QueueRequestor} would). One session, so one caller at a time.
 */
final class ArtemisManagement implements AutoCloseable {
    /** The management address of a server that keeps the default. */
    static final String ADDRESS = "activemq.management";
    private static final long TIMEOUT_MS = 5_000;

    private final Session session;
    private final MessageProducer requests;
    private final TemporaryQueue replyTo;
    private final MessageConsumer replies;

    ArtemisManagement(Connection connection) throws JMSException {
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        requests = session.createProducer(session.createQueue(ADDRESS));
        replyTo = session.createTemporaryQueue();
        replies = session.createConsumer(replyTo);
    }

    /** Messages in queue {@code name}: ready, scheduled, and delivered but not yet acknowledged. */
    synchronized long messageCount(String name) throws Exception {
        Message m = session.createMessage();
        JMSManagementHelper.putAttribute(m, ResourceNames.QUEUE + name, "messageCount");
        return ((Number) result(m, "reading the depth of queue '" + name + "'")).longValue();
    }

    /**
     * Invokes operation {@code operation} of {@code resource}.
     *
     * @throws ManagementRefusal with the server's reason when it refuses
     */
    synchronized Object invoke(String resource, String operation, Object... args) throws Exception {
        Message m = session.createMessage();
        JMSManagementHelper.putOperationInvocation(m, resource, operation, args);
        return result(m, operation + " " + (args.length == 0 ? "" : String.valueOf(args[0])));
    }

    /** As {@link #invoke}, where "exists already" (AMQ229204, AMQ229019, AMQ229207) is no refusal. */
    Object invokeUnlessExists(String resource, String operation, Object... args) throws Exception {
        try {
            return invoke(resource, operation, args);
        } catch (ManagementRefusal e) {
            if (e.getMessage().contains("AMQ229204") || e.getMessage().contains("AMQ229019")
                    || e.getMessage().contains("AMQ229207") || e.getMessage().contains("already exists")) {
                return null;
            }
            throw e;
        }
    }

    /** As {@link #invoke}, for cleaning up: a refusal or a lost connection is no error. */
    void invokeQuietly(String resource, String operation, Object... args) {
        try {
            invoke(resource, operation, args);
        } catch (Exception e) {
            // Best effort: the entity may be gone, or the connection lost; the rest still goes.
        }
    }

    private Object result(Message request, String what) throws Exception {
        request.setJMSReplyTo(replyTo);
        requests.send(request);
        Message reply = replies.receive(TIMEOUT_MS);
        if (reply == null) {
            throw new ManagementRefusal("the management API did not answer " + what + " within "
                    + TIMEOUT_MS / 1000 + " s; check that the user may use " + ADDRESS);
        }
        if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
            throw new ManagementRefusal("the management API refused " + what + ": " + JMSManagementHelper.getResult(reply));
        }
        return JMSManagementHelper.getResult(reply);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (JMSException | RuntimeException e) {
            // Best effort, as the connection's close.
        }
    }

    /** The management API refused or did not answer; the message says what and why. */
    static final class ManagementRefusal extends Exception {
        private static final long serialVersionUID = 1L;

        ManagementRefusal(String message) {
            super(message);
        }
    }
}
