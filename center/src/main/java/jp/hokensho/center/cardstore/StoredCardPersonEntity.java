package jp.hokensho.center.cardstore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Objects;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.Sex;

/** Row of {@code stored_card_person}: the insured ({@code insured}, ordinal 0) or a dependent of a card. */
@Entity
@Table(name = "stored_card_person")
public class StoredCardPersonEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "card_id", nullable = false)
    private StoredCardEntity card;

    /** Position on the card, so dependents come back in the insurer's order. */
    @Column(name = "ordinal", nullable = false)
    private int ordinal;

    @Column(name = "insured", nullable = false)
    private boolean insured;

    @Column(name = "branch_number", length = 10)
    private String branchNumber;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "name_kana", length = 200)
    private String nameKana;

    @Enumerated(EnumType.STRING)
    @Column(name = "sex", length = 10)
    private Sex sex;

    @Column(name = "birth_date")
    private LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "relationship", length = 30)
    private Relationship relationship;

    protected StoredCardPersonEntity() {
    }

    StoredCardPersonEntity(StoredCardEntity card, int ordinal, boolean insured, CardPerson person) {
        this.card = card;
        this.ordinal = ordinal;
        this.insured = insured;
        this.branchNumber = CardKeys.normalise(person.getBranchNumber());
        this.name = person.getName();
        this.nameKana = person.getNameKana();
        this.sex = person.getSex();
        this.birthDate = person.getBirthDate();
        this.relationship = person.getRelationship();
    }

    CardPerson toCardPerson() {
        CardPerson person = new CardPerson();
        person.setBranchNumber(branchNumber);
        person.setName(name);
        person.setNameKana(nameKana);
        person.setSex(sex);
        person.setBirthDate(birthDate);
        person.setRelationship(relationship);
        return person;
    }

    /** The card's id, read from the lazy association without loading the card. */
    Long cardId() {
        return card.getId();
    }

    boolean isInsured() {
        return insured;
    }

    public Long getId() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof StoredCardPersonEntity other && id != null && id.equals(other.getId());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
