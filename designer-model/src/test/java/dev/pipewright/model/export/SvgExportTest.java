// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgExportTest {
    private static Flow deadLetterFlow() {
        Node source = Node.create(NodeKind.SOURCE, "orders", "Orders <web> & \"app\"", new Position(0, 0));
        Node queue = Node.create(NodeKind.QUEUE, "work", "Work queue", new Position(240, 0));
        Node consumer = Node.create(NodeKind.CONSUMER, "workers", "Workers", new Position(480, 0));
        Node dlq = Node.create(NodeKind.DEAD_LETTER_QUEUE, "dlq", "Dead letters", new Position(480, 160));
        List<Edge> edges = List.of(
                Edge.of("e1", "orders", Port.OUT, "work"),
                Edge.of("e2", "work", Port.OUT, "workers"),
                new Edge("e3", "work", Port.DEAD_LETTER, "dlq", "failed", Map.of()));
        return new Flow(new FlowInfo("Dead letters & retries", "A queue's failures go to a DLQ"),
                List.of(source, queue, consumer, dlq), edges);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void svgIsWellFormedXmlWithOneCardPerNodeAndOnePathPerWire() throws Exception {
        Document doc = parse(SvgExport.write(deadLetterFlow()));

        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        NodeList groups = doc.getElementsByTagNameNS("*", "g");
        int cards = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            if (((Element) groups.item(i)).getAttribute("class").startsWith("node ")) {
                cards++;
            }
        }
        assertThat(cards).isEqualTo(4);
        int wires = 0;
        NodeList paths = doc.getElementsByTagNameNS("*", "path");
        for (int i = 0; i < paths.getLength(); i++) {
            if (((Element) paths.item(i)).getAttribute("id").startsWith("wire-")) {
                wires++;
            }
        }
        assertThat(wires).isEqualTo(3);
    }

    @Test
    void namesWithMarkupCharactersAreEscapedAndReadBackExactly() throws Exception {
        Document doc = parse(SvgExport.write(deadLetterFlow()));

        assertThat(doc.getDocumentElement().getTextContent()).contains("Orders <web> & \"app\"".substring(0, 15));
        assertThat(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo("Dead letters & retries");
    }

    @Test
    void wiresShowTheirKeyAndFailurePathsAreDashedWithTheirOwnArrow() throws Exception {
        Document doc = parse(SvgExport.write(deadLetterFlow()));

        Element dlqWire = findById(doc, "wire-e3");
        assertThat(dlqWire.getAttribute("stroke-dasharray")).isNotEmpty();
        assertThat(dlqWire.getAttribute("marker-end")).isEqualTo("url(#arrow-failure)");
        assertThat(doc.getDocumentElement().getTextContent()).contains("failed");
    }

    @Test
    void anEmptyFlowStillGivesAValidDocument() throws Exception {
        Document doc = parse(SvgExport.write(Flow.EMPTY));

        assertThat(doc.getDocumentElement().getAttribute("width")).isNotEmpty();
    }

    private static Element findById(Document doc, String id) {
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no element " + id);
    }

    @Test
    void mermaidNamesEachNodeOnceAndDrawsFailurePathsDotted() {
        String text = MermaidExport.write(deadLetterFlow());

        assertThat(text).contains("flowchart LR");
        assertThat(text).contains("n2[(\"Work queue<br/><small>Queue</small>\")]");
        assertThat(text).contains("n2 -.->|\"failed\"| n4");
        assertThat(text).contains("n1 --> n2");
        assertThat(text).contains("#quot;app#quot;");
    }
}
