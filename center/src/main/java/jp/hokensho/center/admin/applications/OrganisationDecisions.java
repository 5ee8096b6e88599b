package jp.hokensho.center.admin.applications;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.admin.OrganisationCli;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.contract.admin.Application;
import jp.hokensho.contract.admin.OrganisationRequest;
import jp.hokensho.routes.port.ApplicationRefused;
import jp.hokensho.routes.port.InsurerEntry.DeliveryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out an approved organisation application with the same logic as {@code center org add | change | end}
 * ({@link OrganisationCli}), as the approver: a registration, a change, or an end (which revokes the
 * organisation's keys). A real-time insurer's certificate is not part of an application; it follows with
 * {@code org change --certificate}. What the logic refuses is answered as DECISION_FAILED, nothing recorded.
 */
public final class OrganisationDecisions {
    private static final Logger LOG = LoggerFactory.getLogger(OrganisationDecisions.class);

    private final Database database;
    private final CenterSettings settings;
    private final Clock clock;

    public OrganisationDecisions(Database database, CenterSettings settings, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
    }

    void carryOut(String approver, Application application) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        OrganisationCli organisations = new OrganisationCli(database, settings, approver,
                new PrintStream(printed, true, StandardCharsets.UTF_8), clock);
        OrganisationRequest organisation = application.getOrganisation();
        String code = application.getOrganisationCode();
        try {
            switch (application.getKind()) {
                case ORGANISATION_REGISTER -> organisations.add(code, organisation.getName(),
                        OrganisationKind.valueOf(organisation.getKind()), organisation.getAddress(),
                        insurerDetails(organisation));
                case ORGANISATION_CHANGE -> organisations.change(code, organisation.getName(),
                        organisation.getAddress(), insurerDetails(organisation));
                case ORGANISATION_END -> organisations.end(code);
                default -> throw new IllegalStateException("not an organisation application: " + application.getKind());
            }
        } catch (IllegalArgumentException | IllegalStateException refused) {
            LOG.warn("application {} ({} of {}) could not be carried out: {}", application.getId(),
                    application.getKind(), code, refused.getMessage());
            throw new ApplicationRefused("DECISION_FAILED", null, refused.getMessage());
        }
        LOG.info("application {} carried out by {}: {}", application.getId(), approver,
                printed.toString(StandardCharsets.UTF_8).strip().replace('\n', ' '));
    }

    private static OrganisationCli.InsurerDetails insurerDetails(OrganisationRequest organisation) {
        DeliveryMode mode = organisation.getDelivery() == null ? null
                : "real-time".equals(organisation.getDelivery()) ? DeliveryMode.REAL_TIME : DeliveryMode.PRE_STORED;
        if (mode == null && organisation.getEndpoint() == null && organisation.getTimeoutMillis() == null) {
            return null;
        }
        return new OrganisationCli.InsurerDetails(mode, organisation.getEndpoint(), null,
                organisation.getTimeoutMillis() == null ? null : Duration.ofMillis(organisation.getTimeoutMillis()));
    }
}
