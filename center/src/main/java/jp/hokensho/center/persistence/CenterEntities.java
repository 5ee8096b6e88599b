package jp.hokensho.center.persistence;

import java.util.List;
import jp.hokensho.center.audit.AuditChainHeadEntity;
import jp.hokensho.center.audit.VerificationRecordEntity;
import jp.hokensho.center.cardstore.StoredCardEntity;
import jp.hokensho.center.cardstore.StoredCardPersonEntity;
import jp.hokensho.center.identity.store.CertificateEntity;
import jp.hokensho.center.identity.store.KeyRenewalEntity;
import jp.hokensho.center.identity.store.UserAccountEntity;
import jp.hokensho.center.numbering.NumberBlockEntity;
import jp.hokensho.center.organisation.InsurerEntity;
import jp.hokensho.center.organisation.OrganisationEntity;

/** Every mapped entity, listed explicitly (no classpath scanning in a plain Java main). */
final class CenterEntities {
    static final List<Class<?>> ALL = List.of(
            OrganisationEntity.class,
            InsurerEntity.class,
            UserAccountEntity.class,
            CertificateEntity.class,
            KeyRenewalEntity.class,
            StoredCardEntity.class,
            StoredCardPersonEntity.class,
            VerificationRecordEntity.class,
            AuditChainHeadEntity.class,
            NumberBlockEntity.class);

    private CenterEntities() {
    }
}
