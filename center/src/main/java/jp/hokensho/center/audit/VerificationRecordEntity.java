package jp.hokensho.center.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.VerificationRecord;

/**
 * Row of {@code verification_record}: one link of an audit chain. Append-only; {@code recordHash}
 * covers every other column ({@code onBehalfOf} from {@code vr3}, the per-node chains' format; see
 * {@link AuditRecordHash}). The id is the chain and the position in it, assigned
 * under the chain head's lock rather than generated, so positions have no gaps.
 */
@Entity
@Table(name = "verification_record")
@IdClass(VerificationRecordEntity.Key.class)
public class VerificationRecordEntity {
    /** The chain the record belongs to (see {@link AuditChains}). */
    @Id
    @Column(name = "chain_id")
    Integer chain;

    @Id
    @Column(name = "position")
    Long position;

    @Column(name = "verification_number", nullable = false, length = 20, unique = true)
    String verificationNumber;

    /** UTC, microseconds, as are the other times. */
    @Column(name = "requested_at", nullable = false)
    LocalDateTime requestedAt;

    @Column(name = "requester_user_id", nullable = false, length = 64)
    String requesterUserId;

    @Column(name = "requester_org_code", nullable = false, length = 40)
    String requesterOrganisationCode;

    @Column(name = "insurer_number", length = 16)
    String insurerNumber;

    @Column(name = "card_symbol", length = 80)
    String symbol;

    @Column(name = "card_number", length = 80)
    String number;

    @Column(name = "branch_number", length = 10)
    String branchNumber;

    @Column(name = "target_date")
    LocalDate targetDate;

    @Column(name = "birth_date")
    LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "result_code", nullable = false, length = 30)
    ResultCode resultCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "data_source", length = 20)
    DataSource source;

    @Column(name = "valid_from")
    LocalDate validFrom;

    @Column(name = "valid_to")
    LocalDate validTo;

    @Column(name = "insurer_updated_at")
    LocalDateTime insurerUpdatedAt;

    @Column(name = "center_received_at")
    LocalDateTime centerReceivedAt;

    @Column(name = "answer_digest", length = 64)
    String answerDigest;

    /** The method of {@code answerDigest} (AnswerDigest's versions); 1 for records made before there were two. */
    @Column(name = "answer_digest_version", nullable = false)
    int answerDigestVersion = 1;

    /**
     * verifyEligibility's onBehalfOf (V26), covered by {@code recordHash} in the per-node chains ({@code vr3}); the
     * legacy chain's records never carry one.
     */
    @Column(name = "on_behalf_of", length = 100)
    String onBehalfOf;

    @Column(name = "prev_hash", nullable = false, length = 64)
    String prevHash;

    @Column(name = "record_hash", nullable = false, length = 64)
    String recordHash;

    protected VerificationRecordEntity() {
    }

    VerificationRecordEntity(int chain, long position, String prevHash) {
        this.chain = chain;
        this.position = position;
        this.prevHash = prevHash;
    }

    /** The record as the contract returns it from getVerification. */
    public VerificationRecord toRecord() {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber(insurerNumber);
        query.setSymbol(symbol);
        query.setNumber(number);
        query.setBranchNumber(branchNumber);
        query.setTargetDate(targetDate);
        query.setBirthDate(birthDate);
        VerificationRecord record = new VerificationRecord();
        record.setVerificationNumber(verificationNumber);
        record.setRequestedAt(StoredTime.toOffsetDateTime(requestedAt));
        record.setRequesterUserId(requesterUserId);
        record.setRequesterOrganisation(requesterOrganisationCode);
        record.setQuery(query);
        record.setResultCode(resultCode);
        record.setSource(source);
        record.setValidFrom(validFrom);
        record.setValidTo(validTo);
        record.setInsurerUpdatedAt(StoredTime.toOffsetDateTime(insurerUpdatedAt));
        record.setCenterReceivedAt(StoredTime.toOffsetDateTime(centerReceivedAt));
        record.setAnswerDigest(answerDigest);
        record.setAnswerDigestVersion(answerDigestVersion);
        record.setOnBehalfOf(onBehalfOf);
        return record;
    }

    public Integer getChain() {
        return chain;
    }

    public Long getPosition() {
        return position;
    }

    public String getVerificationNumber() {
        return verificationNumber;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof VerificationRecordEntity other && chain != null && position != null
                && chain.equals(other.getChain()) && position.equals(other.getPosition());
    }

    @Override
    public int hashCode() {
        return Objects.hash(chain, position);
    }

    /** The primary key: a record's chain and its position in it. */
    public static class Key implements Serializable {
        private Integer chain;
        private Long position;

        protected Key() {
        }

        public Key(int chain, long position) {
            this.chain = chain;
            this.position = position;
        }

        @Override
        public boolean equals(Object o) {
            return this == o || o instanceof Key other && Objects.equals(chain, other.chain)
                    && Objects.equals(position, other.position);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chain, position);
        }
    }
}
