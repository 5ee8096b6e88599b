package jp.hokensho.routes.port;

/** Operation rights checked at the entry of each operation (role tables of the source document). */
public enum Permission {
    /** カード認証: verify a card. */
    VERIFY_CARD,
    /** 認証結果閲覧: view past verification results of one's own organisation. */
    VIEW_VERIFICATION_RESULTS,
    /** 保険証データ登録: register the insurer's own card data. */
    REGISTER_CARD_DATA
}
