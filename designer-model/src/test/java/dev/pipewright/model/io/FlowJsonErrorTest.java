// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowJsonErrorTest {

    private static FlowFileException readFails(String text) {
        FlowFileException e = catchThrowableOfType(FlowFileException.class,
                () -> FlowJson.read(text, "orders.flow.json"));
        assertThat(e).as("reading should fail").isNotNull();
        assertThat(e.getMessage())
                .startsWith("orders.flow.json")
                .doesNotContain("\n", "com.fasterxml", "Exception", "jackson", "StreamReadConstraints", "dev.pipewright");
        return e;
    }

    private static String flowWithNodes(String nodes) {
        return """
                {
                  "format": "pipewright-flow",
                  "version": 1,
                  "nodes": [
                %s
                  ]
                }
                """.formatted(nodes);
    }

    @Test
    void malformedJsonNamesTheLineAndColumn() {
        FlowFileException e = readFails("""
                {
                  "format": "pipewright-flow",
                  "version": 1,
                  "nodes": [ {"type": "queue" "id": "q1"} ]
                }
                """);

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(31);
        assertThat(e.getMessage()).startsWith("orders.flow.json:4:31: this is not valid JSON: unexpected character '\"'");
    }

    @Test
    void truncatedJsonSaysTheFileIsIncomplete() {
        String whole = FlowJson.write(EveryKindFlow.create());

        FlowFileException e = readFails(whole.substring(0, whole.length() / 2));

        assertThat(e.line()).isGreaterThan(10);
        assertThat(e.problem()).contains("ends in the middle", "cut off");
    }

    @Test
    void jsonCutOffBetweenTwoEntriesSaysTheFileIsIncomplete() {
        FlowFileException e = readFails("{\"format\": \"pipewright-flow\", \"version\": 1,\n  ");

        assertThat(e.problem()).contains("ends in the middle", "cut off");
    }

    @Test
    void jsonThatIsNotAnObjectIsNotAFlowFile() {
        assertThat(readFails("[1, 2, 3]").problem()).startsWith("this is not a Pipewright flow file");
        assertThat(readFails("42").problem()).startsWith("this is not a Pipewright flow file");
    }

    @Test
    void anObjectWithoutTheFormatIsNotAFlowFile() {
        assertThat(readFails("{\"name\": \"my package\", \"version\": \"1.0.0\"}").problem())
                .isEqualTo("this is not a Pipewright flow file: it has no \"format\": \"pipewright-flow\"");
        assertThat(readFails("{\"format\": \"bpmn\", \"version\": 1}").problem())
                .startsWith("this is not a Pipewright flow file: its format is \"bpmn\"");
    }

    @Test
    void aNewerVersionSaysWhichVersionWroteItAndWhichThisOneReads() {
        FlowFileException e = readFails("{\"format\": \"pipewright-flow\", \"version\": 7, \"nodes\": []}");

        assertThat(e.problem()).startsWith(
                "written by a newer Pipewright (format version 7); this one reads up to version 1");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void aMissingOrBadVersionIsNamed() {
        assertThat(readFails("{\"format\": \"pipewright-flow\"}").problem()).contains("has no \"version\"");
        assertThat(readFails("{\"format\": \"pipewright-flow\", \"version\": \"one\"}").problem())
                .contains("\"version\" must be a whole number");
        assertThat(readFails("{\"format\": \"pipewright-flow\", \"version\": 0}").problem())
                .contains("\"version\" must be a whole number from 1");
    }

    @Test
    void anUnknownNodeTypeNamesTheTypeTheNodeAndTheLine() {
        FlowFileException e = readFails(flowWithNodes("""
                    {"type": "queue", "id": "q0"},
                    {"type": "quue", "id": "q1"}
                """));

        assertThat(e.line()).isEqualTo(6);
        assertThat(e.nodeId()).isEqualTo("q1");
        assertThat(e.getMessage()).contains("node 'q1'", "unknown node type \"quue\"", "queue, topic");
    }

    @Test
    void aRefusedValueNamesTheNodeThePropertyAndWhere() {
        FlowFileException e = readFails(flowWithNodes("""
                    {"type": "queue", "id": "q1",
                     "deliveryLimit": 0}
                """));

        assertThat(e.getMessage()).isEqualTo(
                "orders.flow.json:6:23: node 'q1': property 'deliveryLimit' must be at least 1 (was 0)");
        assertThat(e.nodeId()).isEqualTo("q1");
    }

    @Test
    void aBadDurationNamesTheNodeAndProperty() {
        FlowFileException e = readFails(flowWithNodes("    {\"type\": \"queue\", \"id\": \"q1\", \"messageTtl\": \"soon\"}"));

        assertThat(e.getMessage()).contains(":5:", "node 'q1'", "property 'messageTtl'", "'soon' is not a duration");
    }

    @Test
    void aNumberWhereADurationBelongsAsksForAUnit() {
        FlowFileException e = readFails(flowWithNodes("    {\"type\": \"queue\", \"id\": \"q1\", \"messageTtl\": 30}"));

        assertThat(e.getMessage()).contains("property 'messageTtl' must be a duration in quotes, e.g. \"250ms\" (was 30)");
    }

    @Test
    void aBadDistributionNamesTheNodeAndProperty() {
        FlowFileException e = readFails(flowWithNodes(
                "    {\"type\": \"consumer\", \"id\": \"c1\", \"processingTime\": \"gauss(5ms)\"}"));

        assertThat(e.getMessage()).contains("node 'c1'", "property 'processingTime'", "'gauss' is not a known distribution");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheProperty() {
        FlowFileException e = readFails(flowWithNodes("    {\"type\": \"source\", \"id\": \"s1\", \"rate\": \"fast\"}"));

        assertThat(e.getMessage()).contains("node 's1'", "property 'rate' must be a number (was \"fast\")");
    }

    @Test
    void anUnknownEnumValueListsTheAllowedWords() {
        FlowFileException e = readFails(flowWithNodes("    {\"type\": \"queue\", \"id\": \"q1\", \"overflow\": \"explode\"}"));

        assertThat(e.getMessage()).contains("property 'overflow' must be one of drop-head, reject-publish, reject-publish-dlx");
    }

    @Test
    void aNestedValueNamesItsPath() {
        FlowFileException e = readFails(flowWithNodes("""
                    {"type": "consumer", "id": "c1", "crashes": [{"at": "-"}]}
                """));

        assertThat(e.getMessage()).contains("node 'c1'", "property 'crashes[0].at'");
    }

    @Test
    void aNestedRecordThatRefusesAValueIsNamedByItsPath() {
        FlowFileException missingAt = readFails(flowWithNodes("    {\"type\": \"consumer\", \"id\": \"c1\", \"crashes\": [{\"instance\": 1}]}"));
        FlowFileException backwards = readFails(flowWithNodes(
                "    {\"type\": \"endpoint\", \"id\": \"erp\", \"downWindows\": [{\"from\": \"5s\", \"until\": \"1s\"}]}"));

        assertThat(missingAt.getMessage()).contains("node 'c1': property 'crashes[0].at' is required");
        assertThat(backwards.getMessage()).contains("node 'erp': property 'downWindows[0]': a down window must end after it starts");
    }

    @Test
    void anEdgeWithoutIdIsNamedByItsPlace() {
        FlowFileException e = readFails("{\"format\": \"pipewright-flow\", \"version\": 1, \"edges\": [{\"from\": \"a\", \"to\": \"b\"}]}");

        assertThat(e.problem()).startsWith("edge 1: property 'id'");
    }

    @Test
    void anUnknownPropertyIsNamedWithItsNode() {
        FlowFileException e = readFails(flowWithNodes("    {\"type\": \"queue\", \"id\": \"q1\", \"maxLenght\": 5}"));

        assertThat(e.getMessage()).contains(":5:", "node 'q1'", "unknown property 'maxLenght' for a queue", "maxLength");
    }

    @Test
    void anUnknownTopLevelPropertyIsNamed() {
        FlowFileException e = readFails("{\"format\": \"pipewright-flow\", \"version\": 1, \"nodez\": []}");

        assertThat(e.problem()).startsWith("unknown property 'nodez' at the top of the file");
    }

    @Test
    void anUnknownBrokerProfileIsNamedWithTheKnownOnes() {
        FlowFileException e = readFails("{\"format\": \"pipewright-flow\", \"version\": 1,\n"
                + "  \"broker\": \"kafka\\u001b[2J\", \"nodes\": [], \"edges\": []}");

        assertThat(e.getMessage()).contains(":2:", "no broker profile 'kafka\\u001b[2J'", "generic, rabbitmq, artemis, sqs, pubsub, mqtt, kafka and nats")
                .doesNotContain("\u001b");
    }

    @Test
    void aNodeWithoutIdOrTypeIsRefused() {
        assertThat(readFails(flowWithNodes("    {\"type\": \"queue\"}")).problem()).contains("has no \"id\"");
        assertThat(readFails(flowWithNodes("    {\"id\": \"q1\"}")).getMessage()).contains("node 'q1'", "needs a \"type\"");
        assertThat(readFails(flowWithNodes("    {\"type\": \"queue\", \"id\": \"bad id!\"}")).problem())
                .contains("property 'id'", "may only contain letters");
    }

    @Test
    void anEdgeToAMissingNodeNamesTheEdgeAndTheNode() {
        FlowFileException e = readFails("""
                {"format": "pipewright-flow", "version": 1,
                 "nodes": [{"type": "queue", "id": "q1"}],
                 "edges": [{"id": "e7", "from": "q1", "to": "c9"}]}
                """);

        assertThat(e.edgeId()).isEqualTo("e7");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("edge 'e7'", "goes to node 'c9', which is not in this flow");
    }

    @Test
    void anEdgeFromAMissingNodeNamesTheEdgeAndTheNode() {
        FlowFileException e = readFails("""
                {"format": "pipewright-flow", "version": 1,
                 "nodes": [{"type": "consumer", "id": "c1"}],
                 "edges": [{"id": "e1", "from": "ghost", "to": "c1"}]}
                """);

        assertThat(e.getMessage()).contains("edge 'e1'", "comes from node 'ghost'");
    }

    @Test
    void anEdgeFromAnInputPortIsRefused() {
        FlowFileException e = readFails("""
                {"format": "pipewright-flow", "version": 1,
                 "nodes": [{"type": "queue", "id": "q1"}, {"type": "consumer", "id": "c1"}],
                 "edges": [{"id": "e1", "from": "q1", "fromPort": "in", "to": "c1"}]}
                """);

        assertThat(e.getMessage()).contains("edge 'e1'", "property 'fromPort'");
    }

    @Test
    void duplicateNodeIdsAreNamed() {
        FlowFileException e = readFails(flowWithNodes("""
                    {"type": "queue", "id": "q1"},
                    {"type": "topic", "id": "q1"}
                """));

        assertThat(e.line()).isEqualTo(6);
        assertThat(e.getMessage()).contains("two nodes have the id 'q1'");
    }

    @Test
    void duplicateEdgeIdsAreNamed() {
        FlowFileException e = readFails("""
                {"format": "pipewright-flow", "version": 1,
                 "nodes": [{"type": "queue", "id": "q1"}, {"type": "consumer", "id": "c1"}, {"type": "consumer", "id": "c2"}],
                 "edges": [{"id": "e1", "from": "q1", "to": "c1"}, {"id": "e1", "from": "q1", "to": "c2"}]}
                """);

        assertThat(e.getMessage()).contains("edge 'e1'", "two edges have the id 'e1'");
    }

    @Test
    void aPropertyGivenTwiceIsNamed() {
        FlowFileException e = readFails("{\"format\": \"pipewright-flow\", \"version\": 1, \"version\": 2}");

        assertThat(e.problem()).isEqualTo("property 'version' appears twice in one object");
        assertThat(e.column()).isGreaterThan(40);
    }

    @Test
    void textAfterTheObjectIsRefused() {
        FlowFileException e = readFails("{\"format\": \"pipewright-flow\", \"version\": 1}\n{}");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.problem()).contains("more text after the end");
    }

    @Test
    void anEmptyFileSaysSo() {
        assertThat(readFails("").problem()).startsWith("the file is empty");
        assertThat(readFails("  \n\t ").problem()).startsWith("the file is empty");
        assertThat(catchThrowableOfType(FlowFileException.class, () -> FlowJson.read(null, null)).getMessage())
                .startsWith("<text>: the file is empty");
    }

    @Test
    void binaryGarbageIsNotAFlowFile() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37);
        }

        FlowFileException e = readFails(new String(bytes, StandardCharsets.ISO_8859_1));

        assertThat(e.problem()).contains("not a Pipewright flow file", "binary");
    }

    @Test
    void deepNestingIsRefusedWithoutCrashing() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String deepInNode = flowWithNodes("{\"type\": \"queue\", \"id\": \"q\", \"headers\": " + "{\"a\":".repeat(5000)
                + "1" + "}".repeat(5000) + "}");

        assertThat(readFails(deep).problem()).contains("too deeply nested");
        assertThat(readFails(deepInNode).problem()).contains("too deeply nested");
    }

    @Test
    void aByteOrderMarkIsAccepted() throws Exception {
        assertThat(FlowJson.read("\uFEFF{\"format\": \"pipewright-flow\", \"version\": 1}", null).nodes()).isEmpty();
    }

    @Test
    void textInPlaceOfTheMessageCodePointsIsPlain() {
        assertThat(JsonProblems.plain("Unexpected character ('}' (code 125)): was expecting double-quote to start field name"))
                .isEqualTo("unexpected character '}': was expecting double-quote to start field name");
        assertThat(JsonProblems.plain("Unexpected character (''' (code 39)): was expecting double-quote to start field name"))
                .isEqualTo("unexpected character ''': was expecting double-quote to start field name");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "NaN        | 'NaN' is not a number JSON has; write a number such as 0.5",
        "-Infinity  | '-Infinity' is not a number JSON has; write a number such as 0.5",
        "+5         | a number in JSON has no '+' sign; leave it out",
        "/* 5 */ 5  | unexpected character '/': JSON has no comments; remove the comment",
        "`\"a\tb\"`  | text in quotes holds a control character (code 9); write it with a backslash, e.g. \\n for a line break",
    })
    void hiddenParserOptionsAreNotSuggestedToPeople(String value, String problem) {
        FlowFileException e = readFails(flowWithNodes("{\"type\": \"source\", \"id\": \"s\", \"rate\": " + value + "}"));

        assertThat(e.problem()).isEqualTo("this is not valid JSON: " + problem);
        assertThat(e.getMessage()).doesNotContain("enable", "Feature", "ALLOW_", "CTRL-CHAR");
    }

    @Test
    void numbersTooLargeForTheirPropertySaySoInsteadOfCallingThemNotWhole() {
        assertThat(readFails(flowWithNodes("{\"type\": \"consumer\", \"id\": \"c\", \"instances\": 99999999999}")).problem())
                .isEqualTo("property 'instances' must be a whole number from -2,147,483,648 to 2,147,483,647 (was 99999999999)");
        assertThat(readFails(flowWithNodes("{\"type\": \"source\", \"id\": \"s\", \"rate\": 1e999}")).problem())
                .isEqualTo("the number 1e999 is too large for any property of a flow");
        assertThat(readFails(flowWithNodes("{\"type\": \"source\", \"id\": \"s\", \"priorityMix\": {\"99999999999\": 1}}"))
                .problem()).isEqualTo("property 'priorityMix': keys must be priorities, whole numbers from 0 to 255"
                        + " (was \"99999999999\")");
    }

    @Test
    void controlCharactersFromTheFileAreEscapedInTheMessage() {
        FlowFileException e = readFails(flowWithNodes(
                "{\"type\": \"queue\", \"id\": \"q\\u001b[2J\", \"maxLenght\\u202e\": 1}"));

        assertThat(e.getMessage()).contains("\\u001b[2J").doesNotContain("\u001b", "\u202e");
        FlowFileException unknown = readFails(flowWithNodes(
                "{\"type\": \"queue\", \"id\": \"q\", \"maxLenght\\u202e\\u0007\": 1}"));
        assertThat(unknown.problem()).startsWith("unknown property 'maxLenght\\u202e\\u0007' for a queue");
    }
}
