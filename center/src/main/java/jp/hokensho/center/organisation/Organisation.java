package jp.hokensho.center.organisation;

/** An organisation as the rest of the center sees it (immutable, detached from the session). */
public record Organisation(String code, String name, OrganisationKind kind) {
}
