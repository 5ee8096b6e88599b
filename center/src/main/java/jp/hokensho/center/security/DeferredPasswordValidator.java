package jp.hokensho.center.security;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.UsernameTokenValidator;

/**
 * Accepts a plain-text UsernameToken without checking its password yet. WSS4J processes the header in
 * document order, so here the signature is not yet trusted; checking the password now would let anyone
 * holding the center's public certificate burn slow hashes and lock accounts. The check runs
 * later in {@link CallerAuthenticationInterceptor}, once the signature is trusted.
 */
public final class DeferredPasswordValidator extends UsernameTokenValidator {
    @Override
    protected void verifyPlaintextPassword(UsernameToken usernameToken, RequestData data)
            throws WSSecurityException {
        if (usernameToken.getName() == null || usernameToken.getPassword() == null) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
    }

    @Override
    protected void verifyDigestPassword(UsernameToken usernameToken, RequestData data)
            throws WSSecurityException {
        // Digests need the clear password stored; the policy requires PasswordText.
        throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
    }
}
