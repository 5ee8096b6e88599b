package jp.hokensho.center.reference;

import java.sql.SQLException;
import java.util.Optional;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.routes.port.AuditTrail;
import jp.hokensho.routes.port.RecordedVerification;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.port.VerificationListing;
import jp.hokensho.routes.port.VerificationSearch;

/**
 * The audit trail the verification routes use: a verification that names a requestReference is appended together
 * with its kept answer (one transaction, the answer first, see
 * {@link JpaAuditTrail#append(VerificationEvent, java.util.function.Consumer)}), so an answer given is found again
 * after a crash, and the loser of two simultaneous requests with one reference records nothing. Every other
 * verification goes to {@code others} unchanged (bulk items to their batch).
 */
public final class KeptAnswerAuditTrail implements AuditTrail {
    private final JpaAuditTrail audit;
    private final AuditTrail others;
    private final KeptAnswerStore kept;

    public KeptAnswerAuditTrail(JpaAuditTrail audit, AuditTrail others, KeptAnswerStore kept) {
        this.audit = audit;
        this.others = others;
        this.kept = kept;
    }

    @Override
    public void append(VerificationEvent event) {
        if (event.reference() == null) {
            others.append(event);
            return;
        }
        audit.append(event, session -> session.doWork(connection -> {
            try {
                kept.keep(connection, event);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot keep the answer of a requestReference", e);
            }
        }));
    }

    @Override
    public Optional<RecordedVerification> find(String verificationNumber) {
        return others.find(verificationNumber);
    }

    @Override
    public VerificationListing list(VerificationSearch search) {
        return others.list(search);
    }
}
