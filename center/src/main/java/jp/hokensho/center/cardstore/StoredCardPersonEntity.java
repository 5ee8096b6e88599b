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
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** The columns {@link #read} reads, in its order, as the alias {@code p} of {@code stored_card_person}. */
    static final String COLUMNS = "p.id, p.insured, p.branch_number, p.name, p.name_kana, p.sex, p.birth_date,"
            + " p.relationship";

    protected StoredCardPersonEntity() {
    }

    /**
     * A detached copy of the row's {@link #COLUMNS} from {@code first} on (a read without Hibernate), or null when
     * an outer join found no person.
     */
    static StoredCardPersonEntity read(ResultSet r, int first) throws SQLException {
        long id = r.getLong(first);
        if (r.wasNull()) {
            return null;
        }
        StoredCardPersonEntity person = new StoredCardPersonEntity();
        person.id = id;
        person.insured = r.getBoolean(first + 1);
        person.branchNumber = r.getString(first + 2);
        person.name = r.getString(first + 3);
        person.nameKana = r.getString(first + 4);
        String sex = r.getString(first + 5);
        person.sex = sex == null ? null : Sex.valueOf(sex);
        person.birthDate = r.getObject(first + 6, LocalDate.class);
        String relationship = r.getString(first + 7);
        person.relationship = relationship == null ? null : Relationship.valueOf(relationship);
        return person;
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
