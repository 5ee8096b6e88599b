package jp.hokensho.insurer.security;

import org.apache.cxf.message.Message;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.UsernameTokenValidator;

/**
 * WSS4J's UsernameToken step: accepts only a plain-text token with a name and a password, and defers the
 * password check to {@link ServiceAccountInterceptor}.
 *
 * <p>Why deferred: WSS4J processes the header in document order, so the (encrypted) UsernameToken is seen before
 * the signature and the certificate's trust. Checking the slow hash here would let anyone holding the adapter's
 * public certificate make us burn PBKDF2 rounds; the interceptor runs only once the center's signature is trusted.
 */
public class ServiceAccountTokenValidator extends UsernameTokenValidator {

    @Override
    protected void verifyPlaintextPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        if (token.getName() == null || token.getName().isEmpty() || token.getPassword() == null) {
            refuse(data);
        }
    }

    @Override
    protected void verifyDigestPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        refuse(data);
    }

    @Override
    protected void verifyCustomPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        refuse(data);
    }

    @Override
    protected void verifyUnknownPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        refuse(data);
    }

    private static void refuse(RequestData data) throws WSSecurityException {
        if (data.getMsgContext() instanceof Message message) {
            RefusalReason.mark(message.getExchange(), RefusalReason.BAD_CREDENTIALS);
        }
        throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
    }
}
