package jp.hokensho.portal.center;

/** The center's generic security refusal: wrong user or password, locked account, revoked key, missing right. */
public final class CenterRefused extends RuntimeException {
    CenterRefused(Throwable cause) {
        super("the center refused the request", cause);
    }
}
