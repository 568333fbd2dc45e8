// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PayloadSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schema(String template) {
        return PayloadSchemas.infer(template).schema();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void literalsGiveTheirTypesAndEveryKeyIsRequired() throws Exception {
        JsonNode s = schema("{\"s\": \"x\", \"i\": 3, \"d\": 2.5, \"b\": true, \"n\": null, \"o\": {\"k\": []}}");
        assertThat(s).isEqualTo(json("{'type':'object','properties':{'s':{'type':'string'},'i':{'type':'integer'},"
                + "'d':{'type':'number'},'b':{'type':'boolean'},'n':{'type':'null'},"
                + "'o':{'type':'object','properties':{'k':{'type':'array'}},'required':['k']}},"
                + "'required':['s','i','d','b','n','o']}"));
    }

    @Test
    void placeholdersTakeTheTypeTheirFunctionGives() throws Exception {
        JsonNode s = schema("{\"id\": ${seq}, \"qty\": ${random(1,9)}, \"price\": ${random(0.5, 9.5)},"
                + " \"rush\": ${oneOf(true,false)}, \"size\": ${oneOf(1,2,3)}}");
        assertThat(s.at("/properties/id")).isEqualTo(json("{'type':'integer','minimum':1}"));
        assertThat(s.at("/properties/qty")).isEqualTo(json("{'type':'integer','minimum':1,'maximum':9}"));
        assertThat(s.at("/properties/price")).isEqualTo(json("{'type':'number','minimum':0.5,'maximum':9.5}"));
        assertThat(s.at("/properties/rush")).isEqualTo(json("{'type':'boolean','enum':[true,false]}"));
        assertThat(s.at("/properties/size")).isEqualTo(json("{'type':'integer','enum':[1,2,3]}"));
    }

    @Test
    void aPlaceholderInsideAStringMakesAString() throws Exception {
        JsonNode s = schema("{\"ref\": \"ord-${seq}\", \"id\": \"${seq}\", \"region\": \"${oneOf(eu,us)}\","
                + " \"amount\": \"${random(1,5)}\", \"esc\": \"a\\\"${seq}\"}");
        assertThat(s.at("/properties/ref")).isEqualTo(json("{'type':'string'}"));
        assertThat(s.at("/properties/id")).isEqualTo(json("{'type':'string','pattern':'^[0-9]+$'}"));
        assertThat(s.at("/properties/region")).isEqualTo(json("{'type':'string','enum':['eu','us']}"));
        assertThat(s.at("/properties/amount")).isEqualTo(json("{'type':'string'}"));
        assertThat(s.at("/properties/esc")).isEqualTo(json("{'type':'string'}"));
    }

    @Test
    void arraysGiveTheirItemsSchemaAndMixedItemsAnAnyOf() throws Exception {
        assertThat(schema("[${seq}, 2, 3]")).isEqualTo(json("{'type':'array','items':{'anyOf':[{'type':'integer','minimum':1},{'type':'integer'}]}}"));
        assertThat(schema("[1, 2, 3]")).isEqualTo(json("{'type':'array','items':{'type':'integer'}}"));
        assertThat(schema("[1, \"a\"]").at("/items/anyOf")).hasSize(2);
    }

    @Test
    void aKeyMadeByAPlaceholderDescribesAnyKey() throws Exception {
        assertThat(schema("{\"k${seq}\": 1}")).isEqualTo(json("{'type':'object','additionalProperties':{'type':'integer'}}"));
    }

    @Test
    void theExampleIsTheFirstMessage() throws Exception {
        PayloadSchemas.Inferred in = PayloadSchemas.infer("{\"id\": ${seq}, \"ref\": \"o-${seq}\", \"r\": ${oneOf(\"a\",\"b\")}, \"q\": ${random(5,9)}}");
        assertThat(in.example()).isEqualTo(json("{'id':1,'ref':'o-1','r':'a','q':5}"));
        assertThat(in.problem()).isNull();
    }

    @Test
    void aPlaceholderJoinedToOtherCharactersIsTypedByTheFirstMessage() throws Exception {
        assertThat(schema("{\"n\": -${seq}}")).isEqualTo(json("{'type':'object','properties':{'n':{'type':'integer'}},'required':['n']}"));
    }

    @Test
    void aTemplateThatIsNotJsonLeavesThePayloadOpenAndSaysSo() {
        PayloadSchemas.Inferred in = PayloadSchemas.infer("{not json");
        assertThat(in.schema().has("type")).isFalse();
        assertThat(in.example()).isNull();
        assertThat(in.problem()).contains("not JSON");
        assertThat(PayloadSchemas.infer("{\"a\": ${oneOf(x,y)}}").problem()).contains("oneOf");
    }

    @Test
    void deepNestingIsCutAtTheDepthLimit() {
        String deep = "[".repeat(900) + "1" + "]".repeat(900);
        PayloadSchemas.Inferred in = PayloadSchemas.infer(deep);
        assertThat(in.problem()).contains("deeper than " + PayloadSchemas.MAX_DEPTH);
        JsonNode s = in.schema();
        int depth = 0;
        while (s.has("items")) {
            s = s.get("items");
            depth++;
        }
        assertThat(depth).isEqualTo(PayloadSchemas.MAX_DEPTH);
        // Beyond Jackson's own nesting limit the template is simply not JSON.
        assertThat(PayloadSchemas.infer("[".repeat(5000) + "]".repeat(5000)).problem()).isNotNull();
    }

    @Test
    void manyChoicesAndLongTemplatesStayBounded() {
        StringBuilder choices = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            choices.append(i == 0 ? "" : ",").append(i);
        }
        JsonNode s = schema("{\"c\": ${oneOf(" + choices + ")}, \"t\": \"${oneOf(" + choices + ")}\"}");
        assertThat(s.at("/properties/c/enum").isMissingNode()).isTrue();
        assertThat(s.at("/properties/t/enum").isMissingNode()).isTrue();
        // A million-element array: linear work, and one items schema.
        String big = "[" + "${seq},".repeat(1_000_000) + "1]";
        assertThat(schema(big).at("/items/anyOf")).hasSize(2);
    }
}
