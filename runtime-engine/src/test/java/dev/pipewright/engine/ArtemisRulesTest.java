// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        // Expiry: its own dead-letter and expiry addresses, and a scanner that runs often enough for a test.
        config.setMessageExpiryScanPeriod(100);
        config.addQueueConfiguration(QueueConfiguration.of("pw.expiry.dlq").setRoutingType(RoutingType.ANYCAST));
        config.addQueueConfiguration(QueueConfiguration.of("pw.expired").setRoutingType(RoutingType.ANYCAST));
        config.addAddressSetting("pw.expiring", new AddressSettings().setExpiryDelay(200L)
                .setExpiryAddress(SimpleString.of("pw.expired")).setDeadLetterAddress(SimpleString.of("pw.expiry.dlq")));
        config.addAddressSetting("pw.reaped", new AddressSettings()
                .setExpiryAddress(SimpleString.of("pw.expired")).setDeadLetterAddress(SimpleString.of("pw.expiry.dlq")));
        config.addAddressSetting("pw.limited", new AddressSettings().setMaxDeliveryAttempts(3)
                .setDeadLetterAddress(SimpleString.of("pw.dlq")));
        config.addAddressSetting("pw.unlimited", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("pw.dlq")));
        config.addAddressSetting("pw.capped", new AddressSettings().setMaxSizeMessages(3)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL));
        for (AddressFullMessagePolicy policy : List.of(AddressFullMessagePolicy.PAGE, AddressFullMessagePolicy.DROP,
                AddressFullMessagePolicy.BLOCK)) {
            String name = "pw.full." + policy.name().toLowerCase(java.util.Locale.ROOT);
            config.addQueueConfiguration(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST));
            config.addAddressSetting(name, new AddressSettings().setMaxSizeMessages(3).setAddressFullMessagePolicy(policy));
        }
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

    // ---------------------------------------------------------------- expiry

    /** Sends {@code (body, ttl ms)} pairs to {@code queueName} (ttl 0: none), and nothing consumes them. */
    private static void sendExpiring(Connection c, String queueName, Object... bodiesAndTtls) throws JMSException {
        Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(queueName));
        for (int i = 0; i < bodiesAndTtls.length; i += 2) {
            producer.setTimeToLive((Integer) bodiesAndTtls[i + 1]);
            producer.send(session.createTextMessage((String) bodiesAndTtls[i]));
        }
    }

    private static String receiveText(Connection c, String queueName) throws JMSException {
        Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.Message m = session.createConsumer(session.createQueue(queueName)).receive(PATIENCE_MILLIS);
        return m == null ? null : ((TextMessage) m).getText();
    }

    /** A queue with a dead-letter queue and an expiry queue of its own, fed by {@code script}. */
    private static Flow expiring(Broker broker, Duration queueTtl, ScriptedMessage... script) {
        return on(broker, new FlowBuilder()
                .source("src", "script", List.of(script))
                .queue("q", "messageTtl", queueTtl)
                .dlq("dlq").dlq("expired")
                .wire("src", "q").wire("q", Port.DEAD_LETTER, "dlq").wire("q", Port.EXPIRED, "expired").build());
    }

    private static ScriptedMessage at0(String id, Duration ttl) {
        return new ScriptedMessage(Duration.ZERO, id, null, null, Map.of(), ttl, null);
    }

    private static List<String> ids(Simulation sim, String node) {
        return sim.peek(node, 10).stream().map(m -> m.headers().get("id")).toList();
    }

    @Test
    void expiredMessagesGoToTheExpiryAddressNotTheDeadLetterAddressAsInTheSimulator() throws JMSException {
        String expired;
        String deadLettered;
        try (Connection c = factory.createConnection()) {
            c.start();
            sendExpiring(c, "pw.expiring", "e1", 0);
            expired = receiveText(c, "pw.expired");
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Message none = s.createConsumer(s.createQueue("pw.expiry.dlq")).receiveNoWait();
            deadLettered = none == null ? null : ((TextMessage) none).getText();
        }
        Simulation sim = start(expiring(Broker.ARTEMIS, ms(200), at0("e1", null)));
        sim.runUntil(5);
        assertThat(ids(sim, "expired")).containsExactly(expired).containsExactly("e1");
        assertThat(ids(sim, "dlq")).isEmpty();
        assertThat(deadLettered).isNull();
        // RabbitMQ has no expiry address: the same flow under its rules dead-letters it.
        Simulation rabbit = start(expiring(Broker.RABBITMQ, ms(200), at0("e1", null)));
        rabbit.runUntil(5);
        assertThat(ids(rabbit, "dlq")).containsExactly("e1");
        assertThat(ids(rabbit, "expired")).isEmpty();
    }

    @Test
    void aMessagesOwnExpirationBeatsTheExpiryDelayAsInTheSimulator() throws JMSException {
        String expired;
        String stillThere;
        try (Connection c = factory.createConnection()) {
            c.start();
            sendExpiring(c, "pw.expiring", "long", 60_000, "short", 0);
            expired = receiveText(c, "pw.expired");
            stillThere = receiveText(c, "pw.expiring");
        }
        assertThat(List.of(expired, stillThere)).containsExactly("short", "long");
        // The simulator's reaper runs every 30 s, as Artemis's by default: 31 s has seen one pass.
        Simulation sim = start(expiring(Broker.ARTEMIS, ms(200), at0("long", s(60)), at0("short", null)));
        sim.runUntil(31);
        assertThat(ids(sim, "expired")).containsExactly(expired);
        assertThat(ids(sim, "q")).containsExactly(stillThere);
    }

    @Test
    void theReaperExpiresAMessageBehindOneThatDoesNotExpireAsInTheSimulator() throws JMSException {
        String expired;
        String stillThere;
        try (Connection c = factory.createConnection()) {
            c.start();
            sendExpiring(c, "pw.reaped", "head", 0, "deep", 100);
            expired = receiveText(c, "pw.expired");
            stillThere = receiveText(c, "pw.reaped");
        }
        assertThat(List.of(expired, stillThere)).containsExactly("deep", "head");
        Simulation sim = start(expiring(Broker.ARTEMIS, null, at0("head", null), at0("deep", ms(100))));
        sim.runUntil(31);
        assertThat(ids(sim, "expired")).containsExactly(expired);
        assertThat(ids(sim, "q")).containsExactly(stillThere);
        // RabbitMQ expires only at the head: there the deep one waits behind the head.
        Simulation rabbit = start(expiring(Broker.RABBITMQ, null, at0("head", null), at0("deep", ms(100))));
        rabbit.runUntil(31);
        assertThat(ids(rabbit, "q")).containsExactly("head", "deep");
    }

    // ---------------------------------------------------------------- address-full policies

    /** Sends {@code n} messages to {@code queueName}; how many sends the server took without an exception. */
    private static int sendAll(String queueName, int n) throws JMSException {
        int accepted = 0;
        try (Connection c = factory.createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queueName));
            for (int i = 1; i <= n; i++) {
                try {
                    producer.send(session.createTextMessage("m" + i)); // persistent: the send waits for the server
                    accepted++;
                } catch (JMSException refused) {
                    // not expected for PAGE, DROP or BLOCK
                }
            }
        }
        return accepted;
    }

    /** The server's queue {@code name}, its pending work done, so its counts are settled. */
    private static org.apache.activemq.artemis.core.server.Queue serverQueue(String name) {
        org.apache.activemq.artemis.core.server.Queue queue = server.getActiveMQServer().locateQueue(SimpleString.of(name));
        queue.flushExecutor();
        return queue;
    }

    /**
     * Receives what {@code queueName} holds, in order: {@code expected} messages, each waited for,
     * then whatever else is there once the server's queue has done its pending work. (The count a
     * queue reports can lag a send that returned, so it does not say how many to wait for.)
     */
    private static List<String> receiveAll(String queueName, int expected) throws JMSException {
        List<String> bodies = new ArrayList<>();
        try (Connection c = factory.createConnection()) {
            c.start();
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            for (int i = 0; i < expected; i++) {
                jakarta.jms.Message m = consumer.receive(PATIENCE_MILLIS);
                if (m == null) {
                    return bodies;
                }
                bodies.add(((TextMessage) m).getText());
            }
            serverQueue(queueName);
            for (jakarta.jms.Message m; (m = consumer.receiveNoWait()) != null; ) {
                bodies.add(((TextMessage) m).getText());
            }
        }
        return bodies;
    }

    /** Six messages with confirms at t=1 to a queue of three, nothing consuming, under the Artemis profile. */
    private Simulation simulatedFull(Overflow overflow) {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(6, "confirms", true))
                .queue("q", "maxLength", 3, "overflow", overflow)
                .wire("src", "q").build();
        Simulation sim = start(on(Broker.ARTEMIS, flow));
        sim.runUntil(2);
        return sim;
    }

    @Test
    void dropDiscardsWhatComesAfterTheLimitWithoutTellingTheProducerAsInTheSimulator() throws JMSException {
        int accepted = sendAll("pw.full.drop", 6);
        List<String> kept = receiveAll("pw.full.drop", 3);
        assertThat(accepted).isEqualTo(6);
        assertThat(kept).containsExactly("m1", "m2", "m3");
        Simulation sim = simulatedFull(Overflow.DROP_NEW);
        assertThat(sim.snapshot().node("src").confirmed()).isEqualTo(accepted);
        assertThat(sim.snapshot().node("q").in()).isEqualTo(kept.size());
        assertThat(sim.snapshot().node("q").dropped()).isEqualTo(6 - kept.size());
        assertThat(sim.peek("q", 10)).extracting(m -> "m" + m.id()).containsExactlyElementsOf(kept);
    }

    @Test
    void pageKeepsEverythingBeyondTheLimitAsInTheSimulator() throws Exception {
        int accepted = sendAll("pw.full.page", 6);
        boolean paging = server.getActiveMQServer().getPagingManager()
                .getPageStore(SimpleString.of("pw.full.page")).isPaging();
        List<String> kept = receiveAll("pw.full.page", 6);
        assertThat(accepted).isEqualTo(6);
        assertThat(paging).as("the address pages beyond max-size-messages").isTrue();
        assertThat(kept).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
        Simulation sim = simulatedFull(Overflow.PAGE);
        assertThat(sim.snapshot().node("src").confirmed()).isEqualTo(accepted);
        assertThat(sim.snapshot().node("q").in()).isEqualTo(kept.size());
        assertThat(sim.snapshot().node("q").dropped()).isZero();
    }

    /** A producer held by a full address, read at one moment: the server queue's count and the sends that returned. */
    private record Held(long serverCount, int sent) {
    }

    /**
     * Waits until {@code producer} waits for credits while the address {@code name} is full, then
     * returns the count and the sends of one moment: the producer in {@code acquireCredits} before
     * and after the count is read, and no send returned in between. (With a window of one, every
     * send waits for credits for a round trip, so a wait for credits alone is no hold; and the
     * queue, {@code sent} and the thread read apart may each be of another send.)
     */
    private static Held awaitHeld(Thread producer, String name, AtomicInteger sent) throws Exception {
        var address = server.getActiveMQServer().getPagingManager().getPageStore(SimpleString.of(name));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (true) {
            int before = sent.get();
            boolean waiting = waitsForCredits(producer);
            boolean full = address.isFull();
            long count = serverQueue(name).getMessageCount();
            if (waiting && full && waitsForCredits(producer) && sent.get() == before) {
                return new Held(count, before);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the producer was never held by the full address " + name + ": " + count
                        + " on the server, " + before + " sent, waiting for credits " + waiting + ", full " + full);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Waits until the address {@code name} is full (its paging store says so), or fails after the patience. */
    private static void awaitFull(String name) throws Exception {
        var address = server.getActiveMQServer().getPagingManager().getPageStore(SimpleString.of(name));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (!address.isFull()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the address " + name + " never became full");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** True when {@code thread} is parked waiting for producer credits, as a producer blocked by a full address is. */
    private static boolean waitsForCredits(Thread thread) {
        for (StackTraceElement e : thread.getStackTrace()) {
            if (e.getMethodName().equals("acquireCredits")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void blockHoldsTheProducerAtTheLimitUntilThereIsRoomAsInTheSimulator() throws Exception {
        // A producer window smaller than a message makes the client ask for credits before each send
        // (with the default 64 KiB it would send far past the limit first).
        AtomicInteger sent = new AtomicInteger();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long serverHeld;
        int sentWhileBlocked;
        List<String> received;
        try (ActiveMQConnectionFactory small = new ActiveMQConnectionFactory("vm://0?producerWindowSize=1")) {
            Thread producer = new Thread(() -> {
                try (Connection c = small.createConnection()) {
                    Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer p = session.createProducer(session.createQueue("pw.full.block"));
                    for (int i = 1; i <= 5; i++) {
                        if (i == 4) {
                            // Artemis counts a message on the address a moment after its send returns; on
                            // a loaded machine the next credit request could come first and let a fourth
                            // in (seen twice). The limit is what is under test, so the fourth goes once
                            // the address counts three.
                            awaitFull("pw.full.block");
                        }
                        p.send(session.createTextMessage("m" + i));
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "blocked-producer");
            producer.start();
            Held held = awaitHeld(producer, "pw.full.block", sent);
            serverHeld = held.serverCount();
            sentWhileBlocked = held.sent();
            received = new ArrayList<>();
            try (Connection c = factory.createConnection()) {
                c.start();
                Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("pw.full.block"));
                for (int i = 0; i < 5; i++) {
                    jakarta.jms.Message m = consumer.receive(PATIENCE_MILLIS);
                    received.add(m == null ? null : ((TextMessage) m).getText());
                }
            }
            producer.join(PATIENCE_MILLIS);
        }
        assertThat(failures).isEmpty();
        assertThat(serverHeld).isEqualTo(3);
        assertThat(sentWhileBlocked).isEqualTo(3);
        assertThat(received).containsExactly("m1", "m2", "m3", "m4", "m5");
        // The simulator: the same five at t=1 to a blocking queue of three whose consumer is paused until t=2.
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(5, "confirms", true))
                .queue("q", "maxLength", 3, "overflow", Overflow.BLOCK)
                .consumer("c", "prefetch", 1, "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(on(Broker.ARTEMIS, flow));
        sim.pauseConsumer("c", true);
        sim.runUntil(2);
        assertThat(sim.snapshot().node("q").in()).isEqualTo(serverHeld);
        assertThat(sim.snapshot().node("src").out()).isEqualTo(sentWhileBlocked);
        assertThat(sim.snapshot().node("src").inFlight()).as("the fourth waits at the source").isEqualTo(1);
        sim.pauseConsumer("c", false);
        sim.runUntil(3);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(received.size());
        assertThat(sim.snapshot().node("src").confirmed()).isEqualTo(sent.get());
    }
}
