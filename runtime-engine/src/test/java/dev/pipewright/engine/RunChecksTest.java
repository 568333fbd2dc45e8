// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.FlowNotRunnableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.engine.entity.ConsumerEntity;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Processor;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a run would refuse is found before anything runs, as findings naming the node and property. */
class RunChecksTest {
    private static Flow sourceWithTemplate(String template) {
        return new FlowBuilder().source("src", "payloadTemplate", template).queue("q").consumer("c")
                .wire("src", "q").wire("q", "c").build();
    }

    private static Finding onlyEngineError(Flow flow) {
        List<Finding> findings = RunChecks.engine(flow);
        assertThat(findings).hasSize(1);
        Finding f = findings.getFirst();
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(RunChecks.all(flow)).contains(f);
        assertThatThrownBy(() -> Simulation.create(flow, 1)).isInstanceOf(FlowNotRunnableException.class);
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"${oneOf(x,1)}", "${random(-1,1)}0", "{\"n\": ${random(-5,5)}0}", "{\"k\": ${random(-1.0,1.0)}e5}",
                            "{\"a\": \"${oneOf(fine,not\"fine)}\"}"})
    void templatesThatAreNotJsonForSomeMessagesAreErrorsBeforeTheRun(String template) {
        Finding f = onlyEngineError(sourceWithTemplate(template));
        assertThat(f.nodeId()).isEqualTo("src");
        assertThat(f.message()).startsWith("property 'payloadTemplate': ").contains("which is not JSON");
        assertThat(f.message()).doesNotContain("Unrecognized", "JsonReadFeature", "token");
    }

    @Test
    void aWordChoiceSaysToPutThePlaceholderInQuotes() {
        assertThat(onlyEngineError(sourceWithTemplate("{\"tier\": ${oneOf(gold,silver)}}")).message())
                .contains("'{\"tier\": gold}'", "put the placeholder in quotes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${random(0,99999999999999999999)}", "${random(-9000000000000000000,9000000000000000000)}",
                            "${random(NaN,1)}", "${random(1,1e999)}"})
    void randomBoundsThatCannotBeDrawnAreRefusedInWords(String template) {
        Finding f = onlyEngineError(sourceWithTemplate(template));
        assertThat(f.message()).contains("${random(").doesNotContain("bound must be positive", "NaN,1)}:  ");
    }

    @Test
    void templatesThatAreJsonForEveryMessageRun() {
        for (String ok : new String[] {"{\"tier\": \"${oneOf(gold,silver)}\", \"n\": ${random(1,100)}, \"x\": ${random(0.5,2.5)},"
                + " \"seq\": ${seq}}", "[${oneOf(1,2,3,10,0)}]", "${random(-5,5)}", "\"${random(-1,1)}0\""}) {
            assertThat(RunChecks.engine(sourceWithTemplate(ok))).as(ok).isEmpty();
            Simulation sim = Simulation.create(sourceWithTemplate(ok), 3);
            sim.runFor(600);
            assertThat(sim.conservation().completed()).as(ok).isPositive();
        }
    }

    @Test
    void expressionsAndRoutesThatDoNotCompileNameTheirProperty() {
        Flow filter = new FlowBuilder().source("src", "payloadTemplate", "{\"a\": [1]}")
                .processor("f", "variant", Processor.Variant.FILTER, "expression", "$.a[99999999999]")
                .queue("q").wire("src", "f").wire("f", "q").build();
        Finding f = onlyEngineError(filter);
        assertThat(f.nodeId()).isEqualTo("f");
        assertThat(f.message()).startsWith("property 'expression': ").contains("too large")
                .doesNotContain("For input string");
        Flow router = new FlowBuilder().source("src", "payloadTemplate", "{\"a\": 1}")
                .processor("r", "variant", Processor.Variant.CONTENT_ROUTER, "routes", Map.of("big", "amount > 1"))
                .queue("q").wire("src", "r").wire("r", "q", "big").build();
        assertThat(onlyEngineError(router).message()).startsWith("property 'routes', route 'big': ");
    }

    @Test
    void allAddsTheEngineErrorsToTheModelsFindingsErrorsFirst() {
        Flow flow = new FlowBuilder().source("src", "payloadTemplate", "${oneOf(x,1)}").queue("q").wire("src", "q").build();
        List<Finding> all = RunChecks.all(flow);
        assertThat(all.getFirst().severity()).isEqualTo(Severity.ERROR);
        assertThat(all).anyMatch(f -> f.severity() == Severity.WARNING); // the model's lint: nobody reads q
    }
}
