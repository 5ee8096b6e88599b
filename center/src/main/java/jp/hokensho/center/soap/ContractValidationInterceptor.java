package jp.hokensho.center.soap;

import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXResult;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import jp.hokensho.center.security.RefusalMarks;
import jp.hokensho.center.security.RefusalReason;
import jp.hokensho.routes.port.RefusalLog;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Validates the decrypted request body against the contract's XSD before anything reads it. Input that
 * is well-formed but invalid (a 7-digit insurer number, a bad date) gets the typed {@code invalidRequest}
 * fault naming the field, is logged, and is never half-processed. Runs after the caller is authenticated,
 * so nobody learns the contract's rules without a trusted key.
 */
public final class ContractValidationInterceptor extends AbstractSoapInterceptor {
    static final String TYPES_NS = "http://hokensho.jp/verification/types/v1";

    private final Schema schema;
    private final RefusalLog refusals;

    public ContractValidationInterceptor(Schema schema, RefusalLog refusals) {
        super(Phase.POST_PROTOCOL);
        this.schema = schema;
        this.refusals = refusals;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Element payload = payloadOf(message);
        if (payload == null) {
            return;
        }
        Violation violation = validate(payload);
        if (violation != null) {
            refusals.refused(RefusalReason.SCHEMA_INVALID.name(), null, null, payload.getLocalName(),
                    violation.field() + ": " + violation.message());
            RefusalMarks.markLogged(message);
            throw typedFault(violation);
        }
    }

    private static Element payloadOf(SoapMessage message) {
        SOAPMessage saaj = message.getContent(SOAPMessage.class);
        try {
            return saaj == null ? null : DOMUtils.getFirstElement(saaj.getSOAPBody());
        } catch (SOAPException e) {
            return null;
        }
    }

    Violation validate(Element payload) {
        ValidatorHandler validator = schema.newValidatorHandler();
        FieldTracker tracker = new FieldTracker(validator);
        validator.setErrorHandler(tracker);
        try {
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(payload), new SAXResult(tracker));
        } catch (TransformerException e) {
            if (tracker.violation == null) {
                return new Violation(payload.getLocalName(), "the request cannot be read: " + e.getMessage());
            }
        }
        return tracker.violation;
    }

    private static SoapFault typedFault(Violation violation) {
        SoapFault fault = new SoapFault(violation.field() + ": " + violation.message(), SoapFault.FAULT_CODE_CLIENT);
        Element detail = fault.getOrCreateDetail();
        Document document = detail.getOwnerDocument();
        Element info = document.createElementNS(TYPES_NS, "t:invalidRequest");
        append(info, "code", "SCHEMA_INVALID");
        append(info, "field", violation.field());
        append(info, "message", violation.message());
        detail.appendChild(info);
        return fault;
    }

    private static void append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElementNS(TYPES_NS, "t:" + name);
        child.setTextContent(text);
        parent.appendChild(child);
    }

    /** The first schema violation and the element it concerns. */
    record Violation(String field, String message) {
    }

    /** Feeds the validator and remembers which element was open when the first error was reported. */
    private static final class FieldTracker extends XMLFilterImpl {
        private final Deque<String> open = new ArrayDeque<>();
        private Violation violation;

        FieldTracker(ValidatorHandler validator) {
            setContentHandler(validator);
            setErrorHandler(new DefaultHandler());
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
                violation = new Violation(open.isEmpty() ? "request" : open.peek(), e.getMessage());
            }
        }

        @Override
        public void fatalError(SAXParseException e) {
            error(e);
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a request invalid.
        }
    }
}
