package jp.hokensho.center.soap;

import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/** Gives WSS4J the password of a private key by alias (passwords come from configuration). */
public final class KeyPasswordCallback implements CallbackHandler {
    private final Map<String, String> passwordsByAlias;

    public KeyPasswordCallback(Map<String, String> passwordsByAlias) {
        this.passwordsByAlias = Map.copyOf(passwordsByAlias);
    }

    @Override
    public void handle(Callback[] callbacks) {
        for (Callback callback : callbacks) {
            if (callback instanceof WSPasswordCallback password && password.getIdentifier() != null) {
                String secret = passwordsByAlias.get(password.getIdentifier());
                if (secret != null) {
                    password.setPassword(secret);
                }
            }
        }
    }
}
