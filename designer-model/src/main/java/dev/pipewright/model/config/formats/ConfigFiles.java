// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.formats;

import dev.pipewright.model.Flow;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.Format;
import dev.pipewright.model.config.Imported;
import dev.pipewright.model.config.artemis.ArtemisBrokerXml;
import dev.pipewright.model.config.asyncapi.AsyncApiDocument;
import dev.pipewright.model.config.pubsub.GcloudScript;
import dev.pipewright.model.config.rabbitmq.RabbitDefinitions;
import dev.pipewright.model.config.kafka.KafkaTopics;
import dev.pipewright.model.config.nats.NatsStreams;
import dev.pipewright.model.config.sqs.SqsQueues;
import dev.pipewright.model.io.FlowFileException;
import java.util.List;

/**
 * Each {@link Format}'s writer and reader, chosen by the format, for the command line and the
 * app alike. (A package of its own: the formats' packages depend on {@code model.config}, so the
 * choice among them cannot live there.)
 */
public final class ConfigFiles {
    /** The largest configuration file read, whatever its format. */
    public static final int MAX_BYTES = Math.max(RabbitDefinitions.MAX_BYTES, ArtemisBrokerXml.MAX_BYTES);

    private ConfigFiles() {
    }

    /** The flow in {@code format}; {@code vhost} is the RabbitMQ virtual host the definitions are for. */
    public static Exported write(Flow flow, Format format, String vhost) {
        return switch (format) {
            case RABBITMQ -> RabbitDefinitions.write(flow, vhost);
            case ARTEMIS -> ArtemisBrokerXml.write(flow);
            case SQS -> SqsQueues.write(flow);
            case PUBSUB -> GcloudScript.write(flow);
            case KAFKA -> KafkaTopics.write(flow);
            case NATS -> NatsStreams.write(flow);
            case ASYNCAPI -> AsyncApiDocument.write(flow);
        };
    }

    /**
     * The flows in {@code text}, read as {@code format}.
     *
     * @throws FlowFileException when the text is not in that format; the message names {@code sourceName}
     */
    public static List<Imported> read(String text, Format format, String sourceName) throws FlowFileException {
        return switch (format) {
            case RABBITMQ -> RabbitDefinitions.read(text, sourceName);
            case ARTEMIS -> List.of(ArtemisBrokerXml.read(text, sourceName));
            case ASYNCAPI -> throw new FlowFileException(sourceName, "Pipewright does not import AsyncAPI documents;"
                    + " import RabbitMQ definitions or an Artemis broker.xml", null);
            case SQS -> throw new FlowFileException(sourceName, "Pipewright does not import SQS queue definitions;"
                    + " import RabbitMQ definitions or an Artemis broker.xml", null);
            case PUBSUB -> throw new FlowFileException(sourceName, "Pipewright does not import Pub/Sub scripts;"
                    + " import RabbitMQ definitions or an Artemis broker.xml", null);
            case KAFKA -> throw new FlowFileException(sourceName, "Pipewright does not import Kafka topic definitions;"
                    + " import RabbitMQ definitions or an Artemis broker.xml", null);
            case NATS -> throw new FlowFileException(sourceName, "Pipewright does not import NATS stream definitions;"
                    + " import RabbitMQ definitions or an Artemis broker.xml", null);
        };
    }

    /**
     * The format a file's first character tells: JSON (a brace) is RabbitMQ definitions, XML (an
     * angle bracket) a broker.xml, after any byte order mark and spaces; null for neither.
     */
    public static Format guess(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                return Format.RABBITMQ;
            }
            if (c == '<') {
                return Format.ARTEMIS;
            }
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return null;
            }
        }
        return null;
    }
}
