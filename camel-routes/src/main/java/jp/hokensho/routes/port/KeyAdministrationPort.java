package jp.hokensho.routes.port;

import java.util.List;
import jp.hokensho.contract.admin.IssuedKeyFile;
import jp.hokensho.contract.admin.KeyRenewal;
import jp.hokensho.contract.admin.KeyRevocation;
import jp.hokensho.contract.admin.KeySummary;
import jp.hokensho.contract.admin.UnlockedUser;

/**
 * The system administrator's keys and account unlocking, as the AdminService serves them. Each change is made
 * by {@code actor} (the caller's user ID) and recorded with it; a request that cannot be carried out throws
 * {@link KeyAdministrationRefused} with nothing changed.
 */
public interface KeyAdministrationPort {
    IssuedKeyFile issue(String organisationCode, String actor);

    /** @param organisationCode one organisation's keys, or every organisation's when null */
    List<KeySummary> list(String organisationCode);

    KeyRenewal renew(String serialNumber, String actor);

    KeyRevocation revoke(String serialNumber, String actor);

    UnlockedUser unlock(String userId, String actor);
}
