package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.xml.ws.soap.SOAPFaultException;
import org.junit.jupiter.api.function.Executable;

/** The one fault every security refusal gets, telling nothing of the reason. */
final class SecurityFaults {
    static final String GENERIC = "A security error was encountered when verifying the message";

    private SecurityFaults() {
    }

    /** The call is refused with the generic security fault. */
    static SOAPFaultException assertGenericFault(Executable call) {
        SOAPFaultException fault = assertThrows(SOAPFaultException.class, call);
        assertEquals(GENERIC, fault.getMessage());
        return fault;
    }

    /** The call is refused with the generic security fault; {@code message} says what for, on a failure. */
    static SOAPFaultException assertGenericFault(Executable call, String message) {
        SOAPFaultException fault = assertThrows(SOAPFaultException.class, call);
        assertEquals(GENERIC, fault.getMessage(), message);
        return fault;
    }
}
