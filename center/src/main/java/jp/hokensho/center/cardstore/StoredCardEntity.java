package jp.hokensho.center.cardstore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
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

    protected StoredCardEntity() {
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
