// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import dev.pipewright.brokers.live.PayloadFlows;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** A live run on embedded Artemis sends the payloads the simulator makes ({@link PayloadFlows}). */
class ArtemisPayloadTest {

    @Test
    void aRunOnEmbeddedArtemisSendsTheSimulatorsPayloads() throws Exception {
        try (ArtemisLiveRun run = ArtemisLiveRun.declare(PayloadFlows.flow(), ArtemisTarget.parse("embedded", null))) {
            run.run(PayloadFlows.SEED, Duration.ofSeconds(60));
            try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(run.embedded().url());
                 Connection c = f.createConnection()) {
                c.start();
                Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                PayloadFlows.assertAsTheSimulator(drain(session, "exact"), drain(session, "ranged"));
            }
        }
    }

    /** Every message of {@code queue}: the run is over, so a receive that waits in vain finds none left. */
    private static List<String> drain(Session session, String queue) throws Exception {
        List<String> out = new ArrayList<>();
        try (MessageConsumer mc = session.createConsumer(session.createQueue(queue))) {
            Message m;
            while ((m = mc.receive(1_000)) != null) {
                out.add(((TextMessage) m).getText());
            }
        }
        return out;
    }
}
