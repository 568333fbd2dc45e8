// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.model.NatsLimits;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The NATS profile's rules as the local nats-server (2.9.10) applies them, each the answer
 * {@code NatsRulesTest} gets from the simulator: the duplicate window, limits against work-queue
 * retention with discard new, max_deliver ending a nakked message with the max-deliveries advisory,
 * and a work-queue stream refusing a second consumer. Each test has its own stream under a fresh
 * prefix, removed after. The waits are for the server's answer (bounded), never for time to pass.
 */
class NatsServerRulesTest {
    private static final Duration ANSWER = Duration.ofSeconds(5);

    private Connection nc;
    private JetStreamManagement jsm;
    private JetStream js;
    private String stream;

    @BeforeEach
    void connect() throws Exception {
        nc = LocalNats.connect();
        jsm = nc.jetStreamManagement();
        js = nc.jetStream();
        stream = "pw-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeTheStream() throws Exception {
        if (nc != null) {
            try {
                jsm.deleteStream(stream);
            } catch (JetStreamApiException gone) {
                // the test did not get as far as making it
            }
            nc.close();
        }
    }

    private void stream(RetentionPolicy retention, long maxMsgs, DiscardPolicy discard) throws Exception {
        jsm.addStream(StreamConfiguration.builder().name(stream).subjects(stream).retentionPolicy(retention)
                .maxMessages(maxMsgs).discardPolicy(discard).storageType(StorageType.Memory).build());
    }

    private JetStreamSubscription pull(String durable, int maxDeliver) throws Exception {
        jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable(durable).ackPolicy(AckPolicy.Explicit)
                .maxDeliver(maxDeliver).build());
        return js.subscribe(null, PullSubscribeOptions.bind(stream, durable));
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRepeatedMsgIdWithinTheWindowIsStoredOnce() throws Exception {
        stream(RetentionPolicy.Limits, -1, DiscardPolicy.Old);
        assertThat(jsm.getStreamInfo(stream).getConfiguration().getDuplicateWindow()).isEqualTo(NatsLimits.DUPLICATE_WINDOW);
        PublishOptions a = PublishOptions.builder().messageId("a").build();
        assertThat(js.publish(stream, body("1"), a).isDuplicate()).isFalse();
        assertThat(js.publish(stream, body("1 again"), a).isDuplicate()).isTrue();
        assertThat(js.publish(stream, body("no id")).isDuplicate()).isFalse();
        assertThat(js.publish(stream, body("no id")).isDuplicate()).isFalse();
        assertThat(jsm.getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(3);
    }

    @Test
    void aLimitsStreamKeepsAckedMessagesSoDiscardNewRefusesTheFourth() throws Exception {
        stream(RetentionPolicy.Limits, 3, DiscardPolicy.New);
        JetStreamSubscription sub = pull("c", -1);
        for (int i = 0; i < 3; i++) {
            js.publish(stream, body("m" + i));
        }
        List<Message> got = sub.fetch(3, ANSWER);
        assertThat(got).hasSize(3);
        for (Message m : got) {
            m.ackSync(ANSWER);
        }
        assertThat(jsm.getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(3);
        assertThatThrownBy(() -> js.publish(stream, body("m3"))).isInstanceOf(JetStreamApiException.class)
                .hasMessageContaining("maximum messages exceeded");
    }

    @Test
    void aWorkQueueStreamRemovesAckedMessagesSoItTakesTheFourth() throws Exception {
        stream(RetentionPolicy.WorkQueue, 3, DiscardPolicy.New);
        JetStreamSubscription sub = pull("c", -1);
        for (int i = 0; i < 3; i++) {
            js.publish(stream, body("m" + i));
        }
        for (Message m : sub.fetch(3, ANSWER)) {
            m.ackSync(ANSWER);
        }
        assertThat(jsm.getStreamInfo(stream).getStreamState().getMsgCount()).isZero();
        assertThat(js.publish(stream, body("m3")).getSeqno()).isEqualTo(4);
    }

    @Test
    void maxDeliverThreeEndsANakkedMessageWithTheMaxDeliveriesAdvisory() throws Exception {
        stream(RetentionPolicy.WorkQueue, -1, DiscardPolicy.Old);
        Subscription advisories = nc.subscribe(NatsLimits.MAX_DELIVERIES_ADVISORY + "." + stream + ".c");
        nc.flush(ANSWER);
        JetStreamSubscription sub = pull("c", 3);
        js.publish(stream, body("poison"));
        for (int delivery = 1; delivery <= 3; delivery++) {
            List<Message> got = sub.fetch(1, ANSWER);
            assertThat(got).as("delivery %d", delivery).hasSize(1);
            assertThat(got.getFirst().metaData().deliveredCount()).isEqualTo(delivery);
            got.getFirst().nak();
        }
        // The server finds max_deliver reached when it next looks for a message to deliver: this pull gets none.
        assertThat(sub.fetch(1, Duration.ofSeconds(1))).isEmpty();
        Message advisory = advisories.nextMessage(ANSWER);
        assertThat(advisory).isNotNull();
        assertThat(new String(advisory.getData(), StandardCharsets.UTF_8)).contains("\"deliveries\":3", "\"stream_seq\":1");
        // Not delivered again, and still in the stream: JetStream has no dead-letter queue.
        assertThat(jsm.getConsumerInfo(stream, "c").getNumAckPending()).isZero();
        assertThat(jsm.getConsumerInfo(stream, "c").getNumPending()).isZero();
        assertThat(jsm.getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(1);
    }

    @Test
    void aWorkQueueStreamRefusesASecondConsumer() throws Exception {
        stream(RetentionPolicy.WorkQueue, -1, DiscardPolicy.Old);
        pull("first", -1);
        assertThatThrownBy(() -> jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable("second")
                .ackPolicy(AckPolicy.Explicit).build()))
                .isInstanceOfSatisfying(JetStreamApiException.class, e -> assertThat(e.getApiErrorCode()).isEqualTo(10099));
    }
}
