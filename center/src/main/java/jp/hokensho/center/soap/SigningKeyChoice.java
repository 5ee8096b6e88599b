package jp.hokensho.center.soap;

import java.util.function.Supplier;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.rt.security.SecurityConstants;

/**
 * Names, on each outgoing message, the center key that signs it: the endpoint's setting is read once, but during a
 * rollover of the center's key the signing key changes at the switch time while the endpoints keep running. A
 * message property takes precedence over the endpoint's for WS-Security.
 */
public final class SigningKeyChoice extends AbstractPhaseInterceptor<Message> {
    private final Supplier<String> signingAlias;

    public SigningKeyChoice(Supplier<String> signingAlias) {
        // Before the WS-Security out interceptors of PRE_PROTOCOL read it.
        super(Phase.SETUP);
        this.signingAlias = signingAlias;
    }

    @Override
    public void handleMessage(Message message) {
        message.put(SecurityConstants.SIGNATURE_USERNAME, signingAlias.get());
    }
}
