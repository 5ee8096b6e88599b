package jp.hokensho.center.admin.service;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.center.organisation.OrganisationDetails;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.contract.admin.OrganisationSummary;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.OrganisationListing;

/** The AdminService's list of organisations, from the organisation table and the insurer directory. */
public final class StoredOrganisationListing implements OrganisationListing {
    private final OrganisationRepository organisations;
    private final InsurerRegistry insurers;

    public StoredOrganisationListing(OrganisationRepository organisations, InsurerRegistry insurers) {
        this.organisations = organisations;
        this.insurers = insurers;
    }

    @Override
    public List<OrganisationSummary> list(boolean includeEnded) {
        Map<String, InsurerEntry> insurerEntries = insurers.all().stream()
                .collect(Collectors.toMap(InsurerEntry::insurerNumber, Function.identity()));
        return organisations.allDetails().stream()
                .filter(details -> includeEnded || !details.ended())
                .map(details -> summary(details, insurerEntries.get(details.code())))
                .toList();
    }

    private static OrganisationSummary summary(OrganisationDetails details, InsurerEntry insurer) {
        OrganisationSummary summary = new OrganisationSummary();
        summary.setCode(details.code());
        summary.setName(details.name());
        summary.setKind(details.kind().name());
        summary.setAddress(details.address());
        if (insurer != null) {
            summary.setDelivery(insurer.mode() == InsurerEntry.DeliveryMode.REAL_TIME ? "real-time" : "pre-stored");
        }
        if (details.endedAt() != null) {
            summary.setEndedAt(details.endedAt().atOffset(ZoneOffset.UTC));
        }
        return summary;
    }
}
