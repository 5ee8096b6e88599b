package jp.hokensho.routes.verification;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.routes.port.AuditTrail;
import jp.hokensho.routes.port.CardStore;
import jp.hokensho.routes.port.InsurerDirectory;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.RecordedVerification;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.port.StoredCard;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.port.VerificationListing;
import jp.hokensho.routes.port.VerificationSearch;
import jp.hokensho.routes.port.VerificationNumberIssuer;

/** In-memory doubles of the ports the routes call, recording what they were asked. */
final class PortDoubles {
    private PortDoubles() {
    }

    static final class Directory implements InsurerDirectory {
        private final Map<String, InsurerEntry> entries = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        Directory with(InsurerEntry entry) {
            entries.put(entry.insurerNumber(), entry);
            return this;
        }

        @Override
        public Optional<InsurerEntry> find(String insurerNumber) {
            asked.add(insurerNumber);
            return Optional.ofNullable(entries.get(insurerNumber));
        }
    }

    static final class Cards implements CardStore {
        private final Map<List<String>, StoredCard> cards = new HashMap<>();
        final List<List<String>> asked = new ArrayList<>();

        Cards with(CardData card, OffsetDateTime receivedAt) {
            cards.put(List.of(card.getInsurerNumber(), card.getSymbol(), card.getNumber()),
                    new StoredCard(card, receivedAt));
            return this;
        }

        @Override
        public Optional<StoredCard> find(String insurerNumber, String symbol, String number) {
            List<String> key = List.of(insurerNumber, symbol, number);
            asked.add(key);
            return Optional.ofNullable(cards.get(key));
        }
    }

    /** Numbers 00000000000000000701, …0702, … in order. */
    static final class Numbers implements VerificationNumberIssuer {
        private final AtomicLong next = new AtomicLong(701);
        final List<String> issued = new ArrayList<>();

        @Override
        public String next() {
            String number = String.format("%020d", next.getAndIncrement());
            issued.add(number);
            return number;
        }
    }

    static final class Audit implements AuditTrail {
        final List<VerificationEvent> appended = new ArrayList<>();
        final Map<String, RecordedVerification> recorded = new HashMap<>();
        final List<String> searched = new ArrayList<>();
        RuntimeException failure;

        Audit with(RecordedVerification verification) {
            recorded.put(verification.record().getVerificationNumber(), verification);
            return this;
        }

        @Override
        public void append(VerificationEvent event) {
            if (failure != null) {
                throw failure;
            }
            appended.add(event);
        }

        @Override
        public Optional<RecordedVerification> find(String verificationNumber) {
            searched.add(verificationNumber);
            return Optional.ofNullable(recorded.get(verificationNumber));
        }

        /** The search as the routes passed it, then the organisation's records filtered in memory. */
        final List<VerificationSearch> listed = new ArrayList<>();

        @Override
        public VerificationListing list(VerificationSearch search) {
            listed.add(search);
            searched.add("list|" + search.organisationCode());
            List<jp.hokensho.contract.types.VerificationRecord> matching = recorded.values().stream()
                    .filter(r -> r.requesterOrganisationCode().equals(search.organisationCode()))
                    .filter(r -> search.resultCode() == null || search.resultCode() == r.record().getResultCode())
                    .filter(r -> search.insurerNumber() == null || search.insurerNumber().equals(r.insurerNumber()))
                    .map(RecordedVerification::record)
                    .sorted(java.util.Comparator.comparing(
                            jp.hokensho.contract.types.VerificationRecord::getRequestedAt).reversed())
                    .toList();
            return new VerificationListing(matching.stream().skip(search.offset()).limit(search.limit()).toList(),
                    matching.size());
        }
    }

    record Refusal(String reasonCode, String userId, String organisationCode, String operation, String detail) {
    }

    static final class Refusals implements RefusalLog {
        final List<Refusal> logged = new ArrayList<>();

        @Override
        public void refused(String reasonCode, String userId, String organisationCode, String operation, String detail) {
            logged.add(new Refusal(reasonCode, userId, organisationCode, operation, detail));
        }
    }
}
