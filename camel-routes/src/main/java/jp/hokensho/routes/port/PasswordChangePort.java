package jp.hokensho.routes.port;

import java.time.OffsetDateTime;

/** Changes a person's own password (the center implements it with its user store and password rules). */
public interface PasswordChangePort {
    /**
     * @return when the new password took effect
     * @throws PasswordChangeRefused the old password is wrong (counted as a failed attempt) or the new one
     *                               breaks a password rule; nothing was changed
     */
    OffsetDateTime change(String userId, String oldPassword, String newPassword) throws PasswordChangeRefused;
}
