package jp.hokensho.center.reference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.datakey.DataKeyring;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.routes.port.KeptAnswer;
import jp.hokensho.routes.port.KeptAnswers;
import jp.hokensho.routes.port.ReferencedRequest;
import jp.hokensho.routes.port.RequestReferenceTaken;
import jp.hokensho.routes.port.VerificationEvent;

/**
 * The answers to requests that named a requestReference, in {@code request_answer}: one row per organisation and
 * reference, kept {@code center.request-reference.window-hours} after the answer, then purged (RetentionPurge).
 * A row is written by {@link #keep} inside the audit record's transaction; its primary key (organisation,
 * reference) lets only one of two simultaneous requests with a new reference be recorded.
 */
public final class KeptAnswerStore implements KeptAnswers {
    public static final String WINDOW_HOURS = "center.request-reference.window-hours";

    private final DataSource dataSource;
    private final SealedKeptAnswer sealed;
    private final Duration window;
    private final Clock clock;

    public KeptAnswerStore(DataSource dataSource, DataKeyring keys, Duration window, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalStateException(WINDOW_HOURS + " must be at least 1 hour");
        }
        this.dataSource = dataSource;
        this.sealed = new SealedKeptAnswer(keys);
        this.window = window;
        this.clock = clock;
    }

    /** The window of {@value #WINDOW_HOURS}, a whole number of hours (at least 1). */
    public static Duration window(CenterSettings settings) {
        int hours = settings.getInt(WINDOW_HOURS);
        if (hours < 1) {
            throw new IllegalStateException(WINDOW_HOURS + " must be at least 1, not " + hours);
        }
        return Duration.ofHours(hours);
    }

    @Override
    public Optional<KeptAnswer> find(String organisationCode, String reference) {
        String digest = digestOf(reference);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT verification_number, answer_sealed FROM request_answer"
                     + " WHERE organisation_code = ? AND reference_digest = ? AND expires_at > ?")) {
            s.setString(1, organisationCode);
            s.setString(2, digest);
            s.setObject(3, StoredTime.now(clock));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(sealed.open(new SealedKeptAnswer.KeyOfRow(organisationCode, digest,
                        r.getString(1)), r.getBytes(2)));
            } finally {
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the answer kept for a requestReference", e);
        }
    }

    /**
     * Keeps the event's answer for its reference, on the audit record's connection (same transaction). An expired
     * row of the same reference, not purged yet, makes way. Inserts first and looks for an expired row only when
     * the key is taken: a delete of a missing key first would take gap locks on MariaDB, on which two new
     * references in the same gap deadlock.
     *
     * @throws RequestReferenceTaken when a live row holds the reference (another request recorded it first)
     */
    void keep(Connection c, VerificationEvent event) throws SQLException {
        ReferencedRequest request = event.reference();
        String digest = digestOf(request.reference());
        if (inserted(c, digest, event)) {
            return;
        }
        try (PreparedStatement expired = c.prepareStatement("DELETE FROM request_answer WHERE organisation_code = ?"
                + " AND reference_digest = ? AND expires_at <= ?")) {
            expired.setString(1, request.organisationCode());
            expired.setString(2, digest);
            expired.setObject(3, StoredTime.now(clock));
            if (expired.executeUpdate() == 0 || !inserted(c, digest, event)) {
                throw new RequestReferenceTaken(request);
            }
        }
    }

    /** False when the key is taken (the failed statement alone is undone, the transaction goes on). */
    private boolean inserted(Connection c, String digest, VerificationEvent event) throws SQLException {
        ReferencedRequest request = event.reference();
        String number = event.answer().getVerificationNumber();
        Instant answeredAt = event.answer().getAnsweredAt() != null ? event.answer().getAnsweredAt().toInstant()
                : clock.instant();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO request_answer (organisation_code,"
                + " reference_digest, verification_number, answered_at, expires_at, answer_sealed)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, request.organisationCode());
            insert.setString(2, digest);
            insert.setString(3, number);
            insert.setObject(4, StoredTime.of(answeredAt));
            insert.setObject(5, StoredTime.of(answeredAt.plus(window)));
            insert.setBytes(6, sealed.seal(new SealedKeptAnswer.KeyOfRow(request.organisationCode(), digest, number),
                    request.asked(), event.answer()));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    // SQLState class 23 (integrity constraint violation): MariaDB 1062, H2 23505 duplicate key.
    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /**
     * The key a reference is stored under: SHA-256 of its UTF-8 bytes, hex. Exact (MariaDB's PAD SPACE collations
     * would take "A1" and "A1 " for one key) and of fixed length whatever the reference; the reference itself is not
     * stored.
     */
    static String digestOf(String reference) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(reference.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
