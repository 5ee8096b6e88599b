package jp.hokensho.center.admin.applications;

import jp.hokensho.center.identity.store.UserAccountEntity;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.admin.UserSummary;

/** A user account as listUsers answers it: never its password hash, failures or lock. */
final class UserSummaries {
    private UserSummaries() {
    }

    static UserSummary of(UserAccountEntity account) {
        UserSummary user = new UserSummary();
        user.setUserId(account.getUserId());
        user.setOrganisationCode(account.getOrganisation().getCode());
        user.setOrganisationName(account.getOrganisation().getName());
        user.setRole(account.getRole());
        user.setName(account.getPersonName());
        user.setKana(account.getPersonKana());
        user.setBirthDate(account.getBirthDate());
        user.setContact(account.getContact());
        user.setCreatedAt(StoredTime.toOffsetDateTime(account.getCreatedAt()));
        user.setEndedAt(StoredTime.toOffsetDateTime(account.getEndedAt()));
        user.setPasswordChangeRequired(account.isPasswordChangeRequired());
        return user;
    }
}
