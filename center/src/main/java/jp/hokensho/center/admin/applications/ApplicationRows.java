package jp.hokensho.center.admin.applications;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.admin.Application;
import jp.hokensho.contract.admin.ApplicationKind;
import jp.hokensho.contract.admin.ApplicationState;
import jp.hokensho.contract.admin.OrganisationRequest;
import jp.hokensho.contract.admin.PersonRequest;
import jp.hokensho.routes.port.ApplicationDesk.Category;

/**
 * The {@code admin_application} table, on the connection of the caller's transaction: an application is
 * stored once when submitted and changed once, by the conditional update of its decision.
 */
final class ApplicationRows {
    private static final String COLUMNS = "id, kind, state, organisation_code, applicant_user_id, "
            + "applicant_organisation_code, submitted_at, user_id, role, person_name, person_kana, birth_date, contact, "
            + "organisation_name, organisation_kind, address, delivery, endpoint_address, timeout_ms, applicant_comment, "
            + "decided_by, decided_at, decision_reason";

    private ApplicationRows() {
    }

    /** Inserts a pending application and returns its id. */
    static long insert(Connection connection, ApplicationKind kind, String organisationCode, String applicant,
                       String applicantOrganisation, LocalDateTime now, PersonRequest person,
                       OrganisationRequest organisation, String comment) throws SQLException {
        String sql = "INSERT INTO admin_application (kind, state, organisation_code, applicant_user_id, "
                + "applicant_organisation_code, submitted_at, user_id, role, person_name, person_kana, birth_date, "
                + "contact, organisation_name, organisation_kind, address, delivery, endpoint_address, timeout_ms, "
                + "applicant_comment) VALUES (?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            PersonRequest p = person == null ? new PersonRequest() : person;
            OrganisationRequest o = organisation == null ? new OrganisationRequest() : organisation;
            insert.setString(1, kind.name());
            insert.setString(2, organisationCode);
            insert.setString(3, applicant);
            insert.setString(4, applicantOrganisation);
            insert.setObject(5, now);
            insert.setString(6, p.getUserId());
            insert.setString(7, p.getRole());
            insert.setString(8, p.getName());
            insert.setString(9, p.getKana());
            insert.setObject(10, p.getBirthDate(), Types.DATE);
            insert.setString(11, p.getContact());
            insert.setString(12, o.getName());
            insert.setString(13, o.getKind());
            insert.setString(14, o.getAddress());
            insert.setString(15, o.getDelivery());
            insert.setString(16, o.getEndpoint());
            insert.setObject(17, o.getTimeoutMillis(), Types.BIGINT);
            insert.setString(18, comment);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static Optional<Application> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM admin_application WHERE id = ?")) {
            query.setLong(1, id);
            List<Application> found = read(query);
            return found.stream().findFirst();
        }
    }

    /** Newest first. */
    static List<Application> list(Connection connection, String organisationCode, Set<Category> categories,
                                  ApplicationState state) throws SQLException {
        if (categories.isEmpty()) {
            return List.of();
        }
        String kinds = java.util.Arrays.stream(ApplicationKind.values())
                .filter(kind -> categories.contains(Category.of(kind)))
                .map(kind -> "'" + kind.name() + "'").collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM admin_application WHERE kind IN (")
                .append(kinds).append(')');
        if (organisationCode != null) {
            sql.append(" AND organisation_code = ?");
        }
        if (state != null) {
            sql.append(" AND state = ?");
        }
        sql.append(" ORDER BY submitted_at DESC, id DESC");
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (organisationCode != null) {
                query.setString(index++, organisationCode);
            }
            if (state != null) {
                query.setString(index, state.name());
            }
            return read(query);
        }
    }

    /** Pending applications of one kind for one organisation (to refuse the same application twice). */
    static List<Application> pending(Connection connection, ApplicationKind kind, String organisationCode)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM admin_application"
                + " WHERE kind = ? AND organisation_code = ? AND state = 'PENDING'")) {
            query.setString(1, kind.name());
            query.setString(2, organisationCode);
            return read(query);
        }
    }

    /**
     * Records the decision if the application is still pending: the one conditional update makes a second
     * decision (also a concurrent one on another node) find nothing to change.
     *
     * @return false when it was decided already (or does not exist)
     */
    static boolean decide(Connection connection, long id, ApplicationState state, String decider, LocalDateTime now,
                          String reason) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE admin_application SET state = ?, "
                + "decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ? AND state = 'PENDING'")) {
            update.setString(1, state.name());
            update.setString(2, decider);
            update.setObject(3, now);
            update.setString(4, reason);
            update.setLong(5, id);
            return update.executeUpdate() == 1;
        }
    }

    private static List<Application> read(PreparedStatement query) throws SQLException {
        List<Application> applications = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                applications.add(application(rows));
            }
        }
        return applications;
    }

    private static Application application(ResultSet row) throws SQLException {
        Application application = new Application();
        application.setId(row.getLong("id"));
        application.setKind(ApplicationKind.valueOf(row.getString("kind")));
        application.setState(ApplicationState.valueOf(row.getString("state")));
        application.setOrganisationCode(row.getString("organisation_code"));
        application.setApplicant(row.getString("applicant_user_id"));
        application.setApplicantOrganisationCode(row.getString("applicant_organisation_code"));
        application.setSubmittedAt(StoredTime.toOffsetDateTime(row.getObject("submitted_at", LocalDateTime.class)));
        if (Category.of(application.getKind()) == Category.USER) {
            PersonRequest person = new PersonRequest();
            person.setUserId(row.getString("user_id"));
            person.setRole(row.getString("role"));
            person.setName(row.getString("person_name"));
            person.setKana(row.getString("person_kana"));
            person.setBirthDate(row.getObject("birth_date", LocalDate.class));
            person.setContact(row.getString("contact"));
            application.setPerson(person);
        } else {
            OrganisationRequest organisation = new OrganisationRequest();
            organisation.setCode(row.getString("organisation_code"));
            organisation.setName(row.getString("organisation_name"));
            organisation.setKind(row.getString("organisation_kind"));
            organisation.setAddress(row.getString("address"));
            organisation.setDelivery(row.getString("delivery"));
            organisation.setEndpoint(row.getString("endpoint_address"));
            long timeout = row.getLong("timeout_ms");
            organisation.setTimeoutMillis(row.wasNull() ? null : timeout);
            application.setOrganisation(organisation);
        }
        application.setComment(row.getString("applicant_comment"));
        application.setDecidedBy(row.getString("decided_by"));
        LocalDateTime decidedAt = row.getObject("decided_at", LocalDateTime.class);
        application.setDecidedAt(decidedAt == null ? null : StoredTime.toOffsetDateTime(decidedAt));
        application.setReason(row.getString("decision_reason"));
        return application;
    }
}
