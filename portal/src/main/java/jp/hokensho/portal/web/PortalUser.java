package jp.hokensho.portal.web;

import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import jp.hokensho.contract.account.Profile;
import jp.hokensho.portal.center.CenterSession;

/**
 * The logged-in person of a browser session: their ports to the center (holding the password in memory only),
 * who the center says they are, and when they last did something (the idle timeout).
 */
public final class PortalUser {
    private static final String ATTRIBUTE = "portal.user";

    private final CenterSession center;
    private final Profile profile;
    private volatile boolean passwordChangeRequired;
    private volatile Instant lastSeen;

    PortalUser(CenterSession center, Profile profile, Instant now) {
        this.center = center;
        this.profile = profile;
        this.passwordChangeRequired = profile.isPasswordChangeRequired();
        this.lastSeen = now;
    }

    public static PortalUser of(HttpSession session) {
        return session == null ? null : (PortalUser) session.getAttribute(ATTRIBUTE);
    }

    void attachTo(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    public CenterSession center() {
        return center;
    }

    public Profile profile() {
        return profile;
    }

    /** True when the center gave the person one of these rights (by permission name, e.g. VERIFY_CARD). */
    public boolean mayAny(java.util.Collection<String> rights) {
        return rights.stream().anyMatch(profile.getRight()::contains);
    }

    public boolean passwordChangeRequired() {
        return passwordChangeRequired;
    }

    void passwordChanged() {
        passwordChangeRequired = false;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void seen(Instant now) {
        lastSeen = now;
    }
}
