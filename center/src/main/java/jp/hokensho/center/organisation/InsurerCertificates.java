package jp.hokensho.center.organisation;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import jp.hokensho.center.admin.Pem;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.CardKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-time insurers' certificates as registered in the {@code insurer} table (PEM), by the name the center's
 * crypto looks them up under ({@code certificate_alias}). Plain JDBC: the column is text of any length, which the
 * JPA entity need not carry.
 */
public final class InsurerCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(InsurerCertificates.class);

    private final DataSource dataSource;
    private final Clock clock;

    public InsurerCertificates(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Registers (or replaces) the insurer's certificate; the insurer must be in the directory. */
    public void store(String insurerNumber, X509Certificate certificate) {
        String number = CardKeys.normalise(insurerNumber);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE insurer SET certificate_pem = ?, updated_at = ?"
                     + " WHERE insurer_number = ?")) {
            s.setString(1, Pem.text(certificate));
            s.setTimestamp(2, Timestamp.valueOf(StoredTime.now(clock)));
            s.setString(3, number);
            if (s.executeUpdate() != 1) {
                throw new IllegalArgumentException("insurer " + number + " is not in the directory");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the certificate of insurer " + number, e);
        }
        LOG.info("Registered the certificate of insurer {}: {} serial {}", number,
                certificate.getSubjectX500Principal(), certificate.getSerialNumber());
    }

    public Optional<X509Certificate> find(String insurerNumber) {
        String number = CardKeys.normalise(insurerNumber);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT certificate_pem FROM insurer WHERE insurer_number = ?")) {
            s.setString(1, number);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getString(1) != null ? Optional.of(Pem.parse(r.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the certificate of insurer " + number, e);
        }
    }

    /** The certificates of the insurers in the directory (not ended), by the name requests are encrypted to. */
    public Map<String, X509Certificate> activeByAlias() {
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT insurer_number, certificate_alias, certificate_pem"
                     + " FROM insurer WHERE ended_at IS NULL AND certificate_alias IS NOT NULL"
                     + " AND certificate_pem IS NOT NULL ORDER BY insurer_number");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                try {
                    certificates.put(r.getString(2), Pem.parse(r.getString(3)));
                } catch (IllegalArgumentException e) {
                    // One damaged row must not take every other insurer down with it.
                    LOG.error("insurer {}: its registered certificate is not readable; register it again with"
                            + " org change --certificate", r.getString(1), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the insurers' certificates", e);
        }
        return certificates;
    }

    /** Insurer number → alias of the real-time insurers whose certificate is not in the database yet. */
    public Map<String, String> withoutCertificate() {
        Map<String, String> missing = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT insurer_number, certificate_alias FROM insurer"
                     + " WHERE certificate_alias IS NOT NULL AND certificate_pem IS NULL ORDER BY insurer_number");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                missing.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the insurers' certificates", e);
        }
        return missing;
    }
}
