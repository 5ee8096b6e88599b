package jp.hokensho.portal.qr;

/** A text or image that is not an intact seal of this format; the message is for the person at the counter. */
public final class SealRefused extends RuntimeException {
    private static final String TYPE_BY_HAND = "保険証を見て手で入力してください。";

    /** Why, for the log (which never gets the seal's content), with the message shown for it. */
    public enum Reason {
        NOT_A_SEAL("このQRコードは保険証シールのものではありません。" + TYPE_BY_HAND),
        UNKNOWN_VERSION("このシールは対応していない形式（版）のため読み取れません。" + TYPE_BY_HAND),
        FIELD_COUNT("シールの内容が壊れています（項目の数が正しくありません）。" + TYPE_BY_HAND),
        CHECKSUM("シールの内容が壊れているか書き換えられています（チェックサムが一致しません）。" + TYPE_BY_HAND),
        BAD_VALUE("シールの保険者番号・記号・番号・枝番の形式が正しくありません。" + TYPE_BY_HAND),
        NO_CODE("画像からQRコードを読み取れませんでした。シール全体が明るくはっきり写った画像を選んでください。"),
        NOT_AN_IMAGE("画像はPNGまたはJPEGのファイルを選んでください。"),
        TOO_LARGE("画像が大きすぎます。");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    public SealRefused(Reason reason) {
        this(reason, reason.message);
    }

    /** A refusal whose message adds a detail to the reason's, such as the size limit. */
    public SealRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
