// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.engine.template.Expression;
import dev.pipewright.engine.template.ProcessorRules;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.Processor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The processor steps that keep little or no state between messages. */
final class SimpleSteps {
    private SimpleSteps() {
    }

    /** Transform and delay: the message passes on. */
    static final class Pass extends ProcessorStep {
        Pass(ProcessorEntity p) {
            super(p);
        }

        @Override
        void process(Message m) {
            processor.emit(m);
        }
    }

    /** Filter: passes messages whose payload meets the condition; without a payload or expression, passes everything. */
    static final class Filter extends ProcessorStep {
        private Expression condition;

        Filter(ProcessorEntity p, Processor model) {
            super(p);
            reconfigure(model);
        }

        @Override
        void reconfigure(Processor model) {
            condition = expressionOf(model);
        }

        @Override
        void process(Message m) {
            // The payload is read only when there is a condition for it (a template fills it in on demand).
            if (condition == null || !m.hasPayload() || ProcessorRules.passes(condition, m.payload())) {
                processor.emit(m);
            } else {
                processor.world().filter(m, processor, "condition " + condition + " is false");
            }
        }
    }

    /**
     * Content router: the first route whose condition holds on the payload; without a payload, the
     * route named like the routing key; otherwise the {@code default} route.
     */
    static final class Router extends ProcessorStep {
        private Map<String, Expression> routes = Map.of();

        Router(ProcessorEntity p, Processor model) {
            super(p);
            reconfigure(model);
        }

        @Override
        void reconfigure(Processor model) {
            routes = ProcessorRules.routesOf(model);
        }

        @Override
        void process(Message m) {
            processor.emitRoute(m, ProcessorRules.route(routes, m.payload(), m.routingKey));
        }
    }

    /**
     * Splitter: one message per element of the array at the expression; an opaque message (no
     * payload) is split into {@code batchSize} parts; a payload without an array there passes on
     * whole. Parts are new messages correlated to the original, numbered from 1; the original
     * completes here. When the run reaches its message limit, no more parts are made.
     */
    static final class Splitter extends ProcessorStep {
        private Expression path;
        private int parts;

        Splitter(ProcessorEntity p, Processor model) {
            super(p);
            reconfigure(model);
        }

        @Override
        void reconfigure(Processor model) {
            path = expressionOf(model);
            parts = model.batchSize();
        }

        @Override
        void process(Message m) {
            ProcessorRules.Split split = ProcessorRules.split(path, m.payload(), parts);
            if (split.whole()) {
                processor.emit(m);
                return;
            }
            int n = split.parts();
            if (n == 0) {
                processor.world().filter(m, processor, "nothing to split");
                return;
            }
            // Parts are made as needed, not sized up front: batchSize may be far larger than memory,
            // and a run that reaches its message limit stops making parts (and then stops itself).
            List<Message> out = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n && !processor.world().messageLimitReached(); i++) {
                Message part = processor.world().newMessage(processor);
                part.createdAt = m.createdAt;
                part.correlationId = m.originId;
                part.sequence = i + 1;
                part.priority = m.priority;
                part.routingKey = m.routingKey;
                part.headers = m.headers;
                JsonNode partPayload = split.part(i);
                part.setPayload(partPayload);
                part.size = partPayload == null ? Math.max(1, m.size / n) : Math.max(1, partPayload.toString().length());
                out.add(part);
            }
            processor.world().complete(m, processor);
            if (processor.world().watched(m)) {
                processor.world().hop(m, processor, "split", out.size() + " parts");
            }
            for (Message part : out) {
                processor.emit(part);
            }
        }
    }

    /** Idempotent receiver: drops a message whose key (expression value, else origin id) was seen within the last {@code window} keys. */
    static final class Idempotent extends ProcessorStep {
        private Expression key;
        private ProcessorRules.SeenKeys seen;

        Idempotent(ProcessorEntity p, Processor model) {
            super(p);
            reconfigure(model);
        }

        @Override
        void reconfigure(Processor model) {
            key = expressionOf(model);
            if (seen == null) {
                seen = new ProcessorRules.SeenKeys(model.window());
            } else {
                seen.resize(model.window());
            }
        }

        @Override
        void process(Message m) {
            Object k = ProcessorRules.dedupeKey(key, key == null || !m.hasPayload() ? null : m.payload(), m.originId);
            if (seen.seenBefore(k)) {
                processor.stats().duplicatesCaught++;
                if (processor.world().watched(m)) {
                    processor.world().hop(m, processor, "duplicate", "key " + k);
                }
                processor.world().filter(m, processor, "duplicate of key " + k);
            } else {
                processor.emit(m);
            }
        }
    }

    /** Claim check in: the payload goes to the store and a small token travels instead. */
    static final class ClaimCheckIn extends ProcessorStep {

        ClaimCheckIn(ProcessorEntity p) {
            super(p);
        }

        @Override
        void process(Message m) {
            long token = processor.world().putClaim(m.payload(), m.size);
            m.setPayload(ProcessorRules.claimToken(token));
            m.size = Math.min(m.size, ProcessorRules.CLAIM_TOKEN_SIZE);
            processor.emit(m);
        }
    }

    /** Claim check out: the token is exchanged for the stored payload; other messages pass unchanged. */
    static final class ClaimCheckOut extends ProcessorStep {
        ClaimCheckOut(ProcessorEntity p) {
            super(p);
        }

        @Override
        void process(Message m) {
            Long token = ProcessorRules.claimTokenOf(m.payload());
            if (token != null) {
                World.Claim claim = processor.world().takeClaim(token);
                if (claim != null) {
                    m.setPayload(claim.payload());
                    m.size = claim.size();
                }
            }
            processor.emit(m);
        }
    }
}
