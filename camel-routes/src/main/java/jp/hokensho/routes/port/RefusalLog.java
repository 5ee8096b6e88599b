package jp.hokensho.routes.port;

/** The unauthorised-access log (不正アクセスログ): every refusal with a reason code. */
public interface RefusalLog {
    void refused(String reasonCode, String userId, String organisationCode, String operation, String detail);
}
