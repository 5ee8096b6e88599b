package jp.hokensho.portal.fhir;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** A person's own user ID and password from an HTTP Basic header; they become the center call's UsernameToken. */
record BasicCredentials(String userId, String password) {

    /** The credentials of {@code Authorization: Basic base64(id:password)} (UTF-8), or empty when absent or malformed. */
    static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon).strip(), decoded.substring(colon + 1)));
    }

    /** Never the password: records end up in logs. */
    @Override
    public String toString() {
        return "BasicCredentials[" + userId + "]";
    }
}
