package jp.hokensho.center.organisation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.StoredTime;
import org.hibernate.Session;

/** Registers and finds organisations (insurers, medical institutions, the center) by code. */
public class OrganisationRepository {
    private final Database database;
    private final Clock clock;

    public OrganisationRepository(Database database) {
        this(database, Clock.systemUTC());
    }

    public OrganisationRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Registers a new organisation; fails (constraint violation) if the code is taken. */
    public Organisation create(String code, String name, OrganisationKind kind) {
        return database.fromTransaction(session -> {
            OrganisationEntity entity = new OrganisationEntity(code, name, kind, StoredTime.now(clock));
            session.persist(entity);
            return entity.toView();
        });
    }

    /** Like {@link #create(String, String, OrganisationKind)}, with the organisation's postal address. */
    public Organisation create(String code, String name, OrganisationKind kind, String address) {
        return database.fromTransaction(session -> {
            OrganisationEntity entity = new OrganisationEntity(code, name, kind, StoredTime.now(clock));
            entity.setAddress(address);
            session.persist(entity);
            return entity.toView();
        });
    }

    /** Changes the name and/or address (a null argument keeps the present value). */
    public OrganisationDetails change(String code, String name, String address) {
        return database.fromTransaction(session -> {
            OrganisationEntity entity = requireEntity(session, code);
            if (name != null) {
                entity.setName(name);
            }
            if (address != null) {
                entity.setAddress(address);
            }
            return entity.toDetails();
        });
    }

    /** Marks the organisation ended; returns false if it already was. */
    public boolean end(String code) {
        return database.fromTransaction(session -> {
            OrganisationEntity entity = requireEntity(session, code);
            if (entity.getEndedAt() != null) {
                return false;
            }
            entity.end(StoredTime.now(clock));
            return true;
        });
    }

    public Optional<OrganisationDetails> details(String code) {
        return database.fromTransaction(session -> entity(session, code).map(OrganisationEntity::toDetails));
    }

    public List<OrganisationDetails> allDetails() {
        return database.fromTransaction(session -> session
                .createSelectionQuery("from OrganisationEntity o order by o.code", OrganisationEntity.class)
                .getResultList().stream().map(OrganisationEntity::toDetails).toList());
    }

    public Optional<Organisation> find(String code) {
        return database.fromTransaction(session -> entity(session, code).map(OrganisationEntity::toView));
    }

    /** Like {@link #find} but a missing organisation is an {@link OrganisationNotFoundException}. */
    public Organisation require(String code) {
        return find(code).orElseThrow(() -> new OrganisationNotFoundException(code));
    }

    public List<Organisation> all() {
        return database.fromTransaction(session -> session
                .createSelectionQuery("from OrganisationEntity o order by o.code", OrganisationEntity.class)
                .getResultList().stream().map(OrganisationEntity::toView).toList());
    }

    /** For the other stores: the managed entity of a code within their own session. */
    public static Optional<OrganisationEntity> entity(Session session, String code) {
        return session.createSelectionQuery("from OrganisationEntity o where o.code = :code", OrganisationEntity.class)
                .setParameter("code", code)
                .uniqueResultOptional();
    }

    /** Like {@link #entity} but a missing organisation is an {@link OrganisationNotFoundException}. */
    public static OrganisationEntity requireEntity(Session session, String code) {
        return entity(session, code).orElseThrow(() -> new OrganisationNotFoundException(code));
    }
}
