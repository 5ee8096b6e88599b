package jp.hokensho.center.organisation;

/** The three kinds of organisation of the service. */
public enum OrganisationKind {
    /** 保険者 */
    INSURER,
    /** 医療機関 */
    MEDICAL_INSTITUTION,
    /** 認証センター */
    CENTER
}
