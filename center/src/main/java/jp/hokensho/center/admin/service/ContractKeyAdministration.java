package jp.hokensho.center.admin.service;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.identity.store.CertificateView;
import jp.hokensho.center.identity.store.KeyRecord;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.contract.admin.IssuedKeyFile;
import jp.hokensho.contract.admin.KeyRenewal;
import jp.hokensho.contract.admin.KeyRevocation;
import jp.hokensho.contract.admin.KeySummary;
import jp.hokensho.contract.admin.UnlockedUser;
import jp.hokensho.routes.port.KeyAdministrationPort;
import jp.hokensho.routes.port.KeyAdministrationRefused;

/** The AdminService's keys and unlocking: {@link KeyAdministration} in the contract's types. */
public final class ContractKeyAdministration implements KeyAdministrationPort {
    private final KeyAdministration keys;
    private final Clock clock;

    public ContractKeyAdministration(KeyAdministration keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public static ContractKeyAdministration of(Database database, CenterSettings settings, Clock clock) {
        return new ContractKeyAdministration(new KeyAdministration(database, settings, clock), clock);
    }

    @Override
    public IssuedKeyFile issue(String organisationCode, String actor) {
        return keyFile(keys.issue(organisationCode, actor));
    }

    @Override
    public List<KeySummary> list(String organisationCode) {
        Instant now = clock.instant();
        return keys.list(organisationCode).stream().map(key -> summary(key, now)).toList();
    }

    @Override
    public KeyRenewal renew(String serialNumber, String actor) {
        KeyAdministration.Renewal renewal = keys.renew(serial(serialNumber), actor);
        KeyRenewal answer = new KeyRenewal();
        answer.setOldKey(summary(renewal.oldKey(), clock.instant()));
        answer.setIssued(keyFile(renewal.issued()));
        return answer;
    }

    @Override
    public KeyRevocation revoke(String serialNumber, String actor) {
        KeyAdministration.Revocation revocation = keys.revoke(serial(serialNumber), actor);
        KeyRevocation answer = new KeyRevocation();
        answer.setKey(summary(revocation.key(), clock.instant()));
        answer.setAlreadyRevoked(revocation.alreadyRevoked());
        return answer;
    }

    @Override
    public UnlockedUser unlock(String userId, String actor) {
        KeyAdministration.Unlock unlock = keys.unlock(userId, actor);
        UnlockedUser answer = new UnlockedUser();
        answer.setUserId(unlock.userId());
        answer.setOrganisationCode(unlock.organisationCode());
        answer.setWasLocked(unlock.wasLocked());
        return answer;
    }

    private IssuedKeyFile keyFile(KeyAdministration.KeyFile file) {
        IssuedKeyFile answer = new IssuedKeyFile();
        answer.setKey(summary(file.key(), clock.instant()));
        answer.setFileName(file.fileName());
        answer.setKeyFile(file.content());
        answer.setOneTimePassword(file.oneTimePassword());
        return answer;
    }

    private KeySummary summary(KeyRecord key, Instant now) {
        CertificateView certificate = key.certificate();
        KeySummary summary = new KeySummary();
        summary.setSerialNumber(certificate.serial().toString());
        summary.setOrganisationCode(certificate.organisationCode());
        summary.setOrganisationName(key.organisationName());
        summary.setSubject(certificate.subjectDn());
        summary.setNotBefore(certificate.notBefore().atOffset(ZoneOffset.UTC));
        summary.setNotAfter(certificate.notAfter().atOffset(ZoneOffset.UTC));
        summary.setIssuedAt(certificate.issuedAt().atOffset(ZoneOffset.UTC));
        summary.setIssuedBy(key.issuedBy());
        if (certificate.revokedAt() != null) {
            summary.setRevokedAt(certificate.revokedAt().atOffset(ZoneOffset.UTC));
        }
        summary.setRevokedBy(key.revokedBy());
        summary.setState(key.stateAt(now, keys.expiryWarning()).name());
        summary.setRenews(key.renews() == null ? null : key.renews().toString());
        summary.setRenewedBy(key.renewedBy() == null ? null : key.renewedBy().toString());
        return summary;
    }

    /** The schema lets only digits through; anything else cannot name a key. */
    private static BigInteger serial(String serialNumber) {
        try {
            return new BigInteger(serialNumber);
        } catch (NumberFormatException | NullPointerException e) {
            throw new KeyAdministrationRefused(KeyAdministrationRefused.KEY_NOT_FOUND, "serialNumber",
                    "not a serial number: digits only");
        }
    }
}
