// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Source;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Artemis profile against a real Artemis server, embedded in the test (no install): the same
 * scenario on the server and in the simulator under {@link Broker#ARTEMIS} gives the same
 * deliveries, order and refused publishes.
 */
class ArtemisRulesTest extends EngineTest {
    /** How long a receive may wait for a message the server is about to hand over. */
    private static final long PATIENCE_MILLIS = 20_000;

    @TempDir
    static Path data;

    private static EmbeddedActiveMQ server;
    private static ActiveMQConnectionFactory factory;

    @BeforeAll
    static void startServer() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setPagingDirectory(data.resolve("paging").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setJournalDirectory(data.resolve("journal").toString())
                .setLargeMessagesDirectory(data.resolve("large").toString())
                .addAcceptorConfiguration("in-vm", "vm://0");
        config.addQueueConfiguration(QueueConfiguration.of("pw.dlq").setRoutingType(RoutingType.ANYCAST));
        config.addAddressSetting("pw.limited", new AddressSettings().setMaxDeliveryAttempts(3)
                .setDeadLetterAddress(SimpleString.of("pw.dlq")));
        config.addAddressSetting("pw.unlimited", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("pw.dlq")));
        config.addAddressSetting("pw.capped", new AddressSettings().setMaxSizeMessages(3)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL));
        server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.start();
        factory = new ActiveMQConnectionFactory("vm://0");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (factory != null) {
            factory.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** Rolls back every delivery of one message until the server dead-letters it; the deliveries. */
    private static int serverDeliveriesUntilDeadLettered(String queueName) throws Exception {
        try (Connection c = factory.createConnection()) {
            Session sender = c.createSession(true, Session.SESSION_TRANSACTED);
            sender.createProducer(sender.createQueue(queueName)).send(sender.createTextMessage("poison"));
            sender.commit();
            BlockingQueue<String> deadLettered = new LinkedBlockingQueue<>();
            Session dlq = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            dlq.createConsumer(dlq.createQueue("pw.dlq")).setMessageListener(m -> deadLettered.add("poison"));
            AtomicInteger deliveries = new AtomicInteger();
            Session work = c.createSession(true, Session.SESSION_TRANSACTED);
            work.createConsumer(work.createQueue(queueName)).setMessageListener(m -> {
                deliveries.incrementAndGet();
                try {
                    work.rollback(); // the server dead-letters within the last rollback, before the DLQ sees it
                } catch (JMSException e) {
                    deadLettered.add("rollback failed: " + e);
                }
            });
            c.start();
            assertThat(deadLettered.poll(PATIENCE_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("poison");
            c.stop();
            return deliveries.get();
        }
    }

    private long simulatedDeliveries(Integer limit) {
        Simulation sim = start(on(Broker.ARTEMIS, poison(1, props("deliveryLimit", limit))));
        sim.runUntil(60);
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(1);
        return sim.snapshot().node("c").failed();
    }

    @Test
    void maxDeliveryAttemptsAndItsDefaultGiveTheSameDeliveriesAsTheServer() throws Exception {
        assertThat(simulatedDeliveries(3)).isEqualTo(serverDeliveriesUntilDeadLettered("pw.limited")).isEqualTo(3);
        assertThat(simulatedDeliveries(null)).isEqualTo(serverDeliveriesUntilDeadLettered("pw.unlimited"))
                .isEqualTo(10);
    }

    @Test
    void aRolledBackMessageGoesBackToItsPlaceAsInTheSimulator() throws JMSException {
        List<String> onServer = new ArrayList<>();
        try (Connection c = factory.createConnection()) {
            c.start();
            Session session = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue("pw.order");
            MessageProducer producer = session.createProducer(queue);
            for (String body : List.of("1", "2", "3")) {
                producer.send(session.createTextMessage(body));
            }
            session.commit();
            MessageConsumer consumer = session.createConsumer(queue);
            assertThat(((TextMessage) consumer.receive(PATIENCE_MILLIS)).getText()).isEqualTo("1");
            session.rollback();
            for (int i = 0; i < 3; i++) {
                onServer.add(((TextMessage) consumer.receive(PATIENCE_MILLIS)).getText());
                session.commit();
            }
        }
        Simulation sim = start(on(Broker.ARTEMIS, poison(3, props(), "prefetch", 1, "processingTime", constant(100))));
        sim.runUntil(1.15);
        List<String> waiting = sim.peek("q", 10).stream().map(m -> Long.toString(m.id())).toList();
        List<String> simulated = new ArrayList<>(List.of("1", "2", "3"));
        simulated.removeAll(waiting);
        simulated.addAll(waiting);
        assertThat(simulated).isEqualTo(onServer).containsExactly("1", "2", "3");
    }

    @Test
    void messagesDeliveredAndNotAcknowledgedCountTowardTheAddressesLimit() throws JMSException {
        int accepted = 0;
        try (Connection c = factory.createConnection()) {
            c.start();
            Session session = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("pw.capped");
            MessageProducer producer = session.createProducer(queue);
            MessageConsumer consumer = session.createConsumer(queue);
            for (String body : List.of("1", "2")) {
                producer.send(session.createTextMessage(body));
                accepted++;
                assertThat(consumer.receive(PATIENCE_MILLIS)).isNotNull(); // held, not acknowledged
            }
            for (String body : List.of("3", "4", "5")) {
                try {
                    producer.send(session.createTextMessage(body));
                    accepted++;
                } catch (JMSException refused) {
                    // FAIL: the address is full
                }
            }
        }
        Flow flow = new FlowBuilder()
                .source("src", "rate", 5.0, "arrival", Source.Arrival.BURSTS, "burstSize", 5, "messageLimit", 5L)
                .queue("q", "maxLength", 3, "overflow", Overflow.REJECT_PUBLISH)
                .consumer("c", "prefetch", 2, "processingTime", constant(10_000))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow.withInfo(flow.info().withBroker(Broker.ARTEMIS)));
        sim.runUntil(2);
        assertThat(sim.snapshot().node("q").in()).isEqualTo(accepted).isEqualTo(3);
    }
}
