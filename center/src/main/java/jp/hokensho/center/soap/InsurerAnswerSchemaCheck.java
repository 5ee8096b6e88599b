package jp.hokensho.center.soap;

import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import jp.hokensho.routes.verification.InsurerAnswerRejected;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Element;

/**
 * Validates a real-time insurer's decrypted answer against the contract's XSD before it is read: the center
 * checks what insurers send as strictly as what clinics send. An invalid answer (a card without its validity
 * date, an impossible date) fails the call with {@link InsurerAnswerRejected}, which the routes answer as
 * INSURER_UNAVAILABLE and log as the insurer's fault, naming the field but not its value.
 */
public final class InsurerAnswerSchemaCheck extends AbstractSoapInterceptor {
    private final SchemaValidator validator;

    public InsurerAnswerSchemaCheck(SchemaValidator validator) {
        // After WS-Security has decrypted the body and the signer was checked (InsurerAnswerCheck).
        super(Phase.POST_PROTOCOL);
        this.validator = validator;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Element payload = payloadOf(message);
        if (payload == null) {
            throw new Fault(new InsurerAnswerRejected("the answer has no readable body"));
        }
        SchemaValidator.Violation violation = validator.validate(payload);
        if (violation != null) {
            throw new Fault(new InsurerAnswerRejected(violation.field() + ": " + violation.message()));
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
}
