package jp.hokensho.center.soap;

import org.apache.cxf.binding.soap.SoapFault;
import org.w3c.dom.Element;

/**
 * The contracts' typed {@code invalidRequest} fault (a {@code RequestFault} detail), raised by an interceptor
 * before any route runs; every operation of the center's services declares it.
 */
public final class RequestFaults {
    private static final String TYPES_NS = ContractValidationInterceptor.TYPES_NS;

    private RequestFaults() {
    }

    public static SoapFault invalidRequest(String code, String field, String message) {
        SoapFault fault = new SoapFault(field + ": " + message, SoapFault.FAULT_CODE_CLIENT);
        Element detail = fault.getOrCreateDetail();
        Element info = detail.getOwnerDocument().createElementNS(TYPES_NS, "t:invalidRequest");
        append(info, "code", code);
        append(info, "field", field);
        append(info, "message", message);
        detail.appendChild(info);
        return fault;
    }

    private static void append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElementNS(TYPES_NS, "t:" + name);
        child.setTextContent(text);
        parent.appendChild(child);
    }
}
