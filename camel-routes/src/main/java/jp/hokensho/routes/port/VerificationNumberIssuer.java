package jp.hokensho.routes.port;

/** Issues 20-digit verification numbers (認証番号), unique across every center node. */
public interface VerificationNumberIssuer {
    String next();
}
