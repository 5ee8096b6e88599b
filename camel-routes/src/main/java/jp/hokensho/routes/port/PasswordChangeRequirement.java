package jp.hokensho.routes.port;

/**
 * Whether a person must change the password before doing anything else (e.g. after a one-time initial
 * password); answered to the portal's login by getProfile.
 */
@FunctionalInterface
public interface PasswordChangeRequirement {
    boolean isRequired(String userId);
}
