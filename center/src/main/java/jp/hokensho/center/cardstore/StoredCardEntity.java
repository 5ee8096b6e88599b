package jp.hokensho.center.cardstore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.Party;

/**
 * Row of {@code stored_card}: one card of a pre-stored insurer, keyed by normalised insurer number,
 * symbol and number. The people on the card are {@link StoredCardPersonEntity} rows.
 */
@Entity
@Table(name = "stored_card")
public class StoredCardEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "insurer_number", nullable = false, length = 16)
    private String insurerNumber;

    @Column(name = "card_symbol", nullable = false, length = 80)
    private String symbol;

    @Column(name = "card_number", nullable = false, length = 80)
    private String number;

    @Column(name = "valid_from")
    private LocalDate validFrom;

    @Column(name = "valid_to")
    private LocalDate validTo;

    @Column(name = "qualification_acquired")
    private LocalDate qualificationAcquired;

    @Column(name = "qualification_lost")
    private LocalDate qualificationLost;

    @Column(name = "copayment_percent")
    private Integer copaymentPercent;

    @Column(name = "employer_name", length = 200)
    private String employerName;

    @Column(name = "employer_address", length = 400)
    private String employerAddress;

    /** UTC: when the insurer last changed the record. */
    @Column(name = "insurer_updated_at")
    private LocalDateTime insurerUpdatedAt;

    /** UTC: when the center received this version. */
    @Column(name = "center_received_at", nullable = false)
    private LocalDateTime centerReceivedAt;

    /** The columns {@link #read} reads, in its order, as the alias {@code c} of {@code stored_card}. */
    static final String COLUMNS = "c.insurer_number, c.card_symbol, c.card_number, c.valid_from, c.valid_to,"
            + " c.qualification_acquired, c.qualification_lost, c.copayment_percent, c.employer_name,"
            + " c.employer_address, c.insurer_updated_at, c.center_received_at";
    static final int COLUMN_COUNT = COLUMNS.split(",").length;

    protected StoredCardEntity() {
    }

    /** A detached copy of the row's {@link #COLUMNS} from {@code first} on (a read without Hibernate). */
    static StoredCardEntity read(ResultSet r, int first) throws SQLException {
        StoredCardEntity card = new StoredCardEntity(r.getString(first), r.getString(first + 1),
                r.getString(first + 2));
        card.validFrom = r.getObject(first + 3, LocalDate.class);
        card.validTo = r.getObject(first + 4, LocalDate.class);
        card.qualificationAcquired = r.getObject(first + 5, LocalDate.class);
        card.qualificationLost = r.getObject(first + 6, LocalDate.class);
        card.copaymentPercent = r.getObject(first + 7, Integer.class);
        card.employerName = r.getString(first + 8);
        card.employerAddress = r.getString(first + 9);
        card.insurerUpdatedAt = r.getObject(first + 10, LocalDateTime.class);
        card.centerReceivedAt = r.getObject(first + 11, LocalDateTime.class);
        return card;
    }

    StoredCardEntity(String insurerNumber, String symbol, String number) {
        this.insurerNumber = insurerNumber;
        this.symbol = symbol;
        this.number = number;
    }

    /** Copies the card's fields other than the key and the people. */
    void apply(CardData card, LocalDateTime receivedAt) {
        validFrom = card.getValidFrom();
        validTo = card.getValidTo();
        qualificationAcquired = card.getQualificationAcquired();
        qualificationLost = card.getQualificationLost();
        copaymentPercent = card.getCopaymentPercent();
        employerName = card.getEmployer() == null ? null : card.getEmployer().getName();
        employerAddress = card.getEmployer() == null ? null : card.getEmployer().getAddress();
        insurerUpdatedAt = StoredTime.of(card.getInsurerUpdatedAt());
        centerReceivedAt = receivedAt;
    }

    /** Ends the card's eligibility from {@code lost} (資格喪失日), as the insurer changed it at {@code insurerUpdated}. */
    void endEligibility(LocalDate lost, LocalDateTime insurerUpdated, LocalDateTime receivedAt) {
        qualificationLost = lost;
        insurerUpdatedAt = insurerUpdated;
        centerReceivedAt = receivedAt;
    }

    /** The card without its people. */
    CardData toCardData() {
        CardData card = new CardData();
        card.setInsurerNumber(insurerNumber);
        card.setSymbol(symbol);
        card.setNumber(number);
        card.setValidFrom(validFrom);
        card.setValidTo(validTo);
        card.setQualificationAcquired(qualificationAcquired);
        card.setQualificationLost(qualificationLost);
        card.setCopaymentPercent(copaymentPercent);
        if (employerName != null || employerAddress != null) {
            Party employer = new Party();
            employer.setName(employerName);
            employer.setAddress(employerAddress);
            card.setEmployer(employer);
        }
        card.setInsurerUpdatedAt(StoredTime.toOffsetDateTime(insurerUpdatedAt));
        return card;
    }

    public Long getId() {
        return id;
    }

    LocalDateTime getCenterReceivedAt() {
        return centerReceivedAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof StoredCardEntity other && id != null && id.equals(other.getId());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
