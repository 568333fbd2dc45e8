// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.artemis;

import dev.pipewright.model.io.FlowFileException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The parts of a {@code broker.xml} the reader uses, parsed safely: a DOCTYPE is refused (so no
 * DTD, no entity and no billion laughs), nothing external is fetched, and only the
 * {@code addresses}, {@code address-settings} and {@code diverts} sections are kept as elements
 * (with their lines); every other section of {@code core} is only named, so a large file of other
 * configuration costs no memory.
 */
final class XmlTree {
    /** Elements kept from the three sections; far beyond a flow's 10,000 nodes and 50,000 edges. */
    static final int MAX_ELEMENTS = 1_000_000;

    private static final java.util.Set<String> KEPT = java.util.Set.of("addresses", "address-settings", "diverts", "name");

    /** An element: its local name, attributes, text and the line it starts on. */
    record El(String name, Map<String, String> attributes, StringBuilder text, int line, List<El> children) {
        String attr(String n) {
            return attributes.get(n);
        }

        String trimmedText() {
            return text.toString().strip();
        }
    }

    /** A top-level section of {@code core}: kept with its elements, or only named. */
    record Section(String name, int line, El element) {
    }

    private XmlTree() {
    }

    /** The sections of {@code core}, in file order. */
    static List<Section> parse(String text, String source) throws FlowFileException {
        Handler handler = new Handler(source);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setValidating(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.parse(new InputSource(new StringReader(text)), handler);
        } catch (SAXParseException e) {
            throw handler.problem(e);
        } catch (Stop e) {
            throw e.error;
        } catch (SAXException | ParserConfigurationException | IOException e) {
            throw new FlowFileException(source, "this is not a broker.xml: it cannot be read as XML", e);
        }
        if (!handler.sawCore) {
            throw new FlowFileException(source, "this is not a broker.xml: it has no <core> element inside"
                    + " <configuration>; export one from Artemis or write one by its schema", null);
        }
        return handler.sections;
    }

    /** Stops the parse with the error already composed. */
    private static final class Stop extends SAXException {
        private static final long serialVersionUID = 1L;
        private final transient FlowFileException error;

        Stop(FlowFileException error) {
            this.error = error;
        }
    }

    private static final class Handler extends DefaultHandler {
        private final String source;
        private final List<Section> sections = new ArrayList<>();
        private final Deque<String> open = new ArrayDeque<>();
        private final Deque<Integer> openLines = new ArrayDeque<>();
        private final Deque<El> kept = new ArrayDeque<>();
        private Locator locator;
        private boolean sawCore;
        private int coreDepth = -1;
        private int elements;

        Handler(String source) {
            this.source = source;
        }

        @Override
        public void setDocumentLocator(Locator l) {
            this.locator = l;
        }

        private int line() {
            return locator == null ? -1 : locator.getLineNumber();
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            String name = localName == null || localName.isEmpty() ? qName : localName;
            int depth = open.size();
            if (depth == 0 && !name.equals("configuration") && !name.equals("core")) {
                throw new Stop(new FlowFileException(source, line(), -1, null, null, "this is not a broker.xml: its root"
                        + " element is <" + cut(name) + ">, not <configuration>", null));
            }
            if (name.equals("core") && coreDepth < 0 && depth <= 1) {
                sawCore = true;
                coreDepth = depth;
            } else if (coreDepth >= 0 && depth == coreDepth + 1) {
                if (KEPT.contains(name)) {
                    El el = element(name, atts);
                    sections.add(new Section(name, line(), el));
                    kept.push(el);
                } else {
                    sections.add(new Section(name, line(), null));
                }
            } else if (!kept.isEmpty() && depth > coreDepth + 1) {
                El el = element(name, atts);
                kept.peek().children().add(el);
                kept.push(el);
            }
            open.push(name);
            openLines.push(line());
        }

        private El element(String name, Attributes atts) throws Stop {
            if (++elements > MAX_ELEMENTS) {
                throw new Stop(new FlowFileException(source, line(), -1, null, null, "the broker.xml has more than "
                        + String.format(java.util.Locale.ROOT, "%,d", MAX_ELEMENTS) + " elements in its addresses,"
                        + " address settings and diverts, more than a flow can hold; split it", null));
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < atts.getLength(); i++) {
                String n = atts.getLocalName(i);
                map.put(n == null || n.isEmpty() ? atts.getQName(i) : n, atts.getValue(i));
            }
            return new El(name, map, new StringBuilder(), line(), new ArrayList<>());
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.pop();
            openLines.pop();
            if (!kept.isEmpty() && open.size() >= coreDepth + 1) {
                kept.pop();
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!kept.isEmpty()) {
                StringBuilder sb = kept.peek().text();
                if (sb.length() < 100_000) {
                    sb.append(ch, start, Math.min(length, 100_000 - sb.length()));
                }
            }
        }

        FlowFileException problem(SAXParseException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            int line = e.getLineNumber();
            String problem;
            if (m.contains("DOCTYPE")) {
                problem = "a DOCTYPE declaration is not allowed: a broker.xml needs none, and DTDs and entities are"
                        + " refused so that the file cannot read other files; remove it";
            } else if (!open.isEmpty() && (m.contains("same entity") || m.contains("Premature end"))) {
                problem = "the file ends before element <" + cut(open.peek()) + "> (opened on line " + openLines.peek()
                        + ") is closed: it is cut short; export it again";
            } else {
                problem = "this is not well-formed XML (" + cut(m) + ")" + (open.isEmpty() ? ""
                        : " inside element <" + cut(open.peek()) + ">") + "; correct the file";
            }
            return new FlowFileException(source, line, e.getColumnNumber(), null, null, problem, null);
        }
    }

    static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }
}
