package jp.hokensho.insurer.security;

import java.util.Map;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * Gives WSS4J the password of a private key by its alias (signing the answer, decrypting the request).
 */
public final class KeyPasswordCallback implements CallbackHandler {
    private final Map<String, String> passwordsByAlias;

    public KeyPasswordCallback(Map<String, String> passwordsByAlias) {
        this.passwordsByAlias = Map.copyOf(passwordsByAlias);
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (!(callback instanceof WSPasswordCallback pc)) {
                throw new UnsupportedCallbackException(callback);
            }
            // Only key passwords are served here; UsernameToken passwords are checked by the service-account check.
            if (pc.getUsage() == WSPasswordCallback.SIGNATURE || pc.getUsage() == WSPasswordCallback.DECRYPT) {
                String password = passwordsByAlias.get(pc.getIdentifier());
                if (password != null) {
                    pc.setPassword(password);
                }
            }
        }
    }
}
