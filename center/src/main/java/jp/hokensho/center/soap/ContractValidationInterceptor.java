package jp.hokensho.center.soap;

import javax.xml.validation.Schema;
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

/**
 * Validates the decrypted request body against the contract's XSD before anything reads it. Input that
 * is well-formed but invalid (a 7-digit insurer number, a bad date) gets the typed {@code invalidRequest}
 * fault naming the field (never quoting its value, which may be personal data), is logged, and is never
 * half-processed. Runs after the caller is authenticated, so nobody learns the contract's rules without a
 * trusted key.
 */
public final class ContractValidationInterceptor extends AbstractSoapInterceptor {
    static final String TYPES_NS = "http://hokensho.jp/verification/types/v1";

    private final SchemaValidator validator;
    private final RefusalLog refusals;

    public ContractValidationInterceptor(Schema schema, RefusalLog refusals) {
        super(Phase.POST_PROTOCOL);
        this.validator = new SchemaValidator(schema);
        this.refusals = refusals;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Element payload = payloadOf(message);
        if (payload == null) {
            return;
        }
        SchemaValidator.Violation violation = validate(payload);
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

    SchemaValidator.Violation validate(Element payload) {
        return validator.validate(payload);
    }

    private static SoapFault typedFault(SchemaValidator.Violation violation) {
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
}
