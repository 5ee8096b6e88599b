package jp.hokensho.center.soap;

import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXResult;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.Element;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Validates a payload element against compiled contract schemas and names the element of the first violation,
 * never its value (values are personal data: symbols, numbers, names, birth dates). The parser machinery is made
 * once per thread and reused, because looking up a TransformerFactory for every message is costly.
 */
public final class SchemaValidator {
    private static final TransformerFactory TRANSFORMERS = TransformerFactory.newInstance();

    private final ThreadLocal<Machinery> machinery;

    public SchemaValidator(Schema schema) {
        this.machinery = ThreadLocal.withInitial(() -> new Machinery(schema));
    }

    /** The first violation of {@code payload}, or null when it is valid. */
    public Violation validate(Element payload) {
        Machinery parts = machinery.get();
        parts.tracker.reset();
        try {
            parts.transformer.transform(new DOMSource(payload), new SAXResult(parts.tracker));
        } catch (TransformerException e) {
            if (parts.tracker.violation == null) {
                return new Violation(payload.getLocalName(), "the payload cannot be read");
            }
        } finally {
            parts.transformer.reset();
        }
        return parts.tracker.violation;
    }

    /** The first schema violation: the element it concerns and the broken rule, without the value. */
    public record Violation(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    /** One thread's transformer and validator: neither may be shared between threads. */
    private static final class Machinery {
        final Transformer transformer;
        final FieldTracker tracker;

        Machinery(Schema schema) {
            try {
                synchronized (TRANSFORMERS) {
                    transformer = TRANSFORMERS.newTransformer();
                }
            } catch (TransformerConfigurationException e) {
                throw new IllegalStateException("no XML identity transformer", e);
            }
            ValidatorHandler validator = schema.newValidatorHandler();
            tracker = new FieldTracker(validator);
            validator.setErrorHandler(tracker);
        }
    }

    /** Feeds the validator and remembers which element was open when the first error was reported. */
    private static final class FieldTracker extends XMLFilterImpl {
        private final Deque<String> open = new ArrayDeque<>();
        private Violation violation;

        FieldTracker(ValidatorHandler validator) {
            setContentHandler(validator);
            setErrorHandler(new DefaultHandler());
        }

        void reset() {
            open.clear();
            violation = null;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            open.push(localName);
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(uri, localName, qName);
            open.pop();
        }

        @Override
        public void error(SAXParseException e) {
            if (violation == null) {
                violation = new Violation(open.isEmpty() ? "payload" : open.peek(),
                        SchemaViolationText.withoutValue(e.getMessage()));
            }
        }

        @Override
        public void fatalError(SAXParseException e) {
            error(e);
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a payload invalid.
        }
    }
}
