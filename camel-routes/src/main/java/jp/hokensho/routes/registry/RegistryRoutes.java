package jp.hokensho.routes.registry;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import jp.hokensho.contract.CardKeyHmac;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.registry.InvalidRequestFault;
import jp.hokensho.contract.registry.NotFoundFault;
import jp.hokensho.contract.registry.RegistrationResult;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.CardRegistryPort;
import jp.hokensho.routes.port.InsurerDirectory;
import jp.hokensho.routes.port.RefusalLog;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes of the CardRegistryService (a pre-stored insurer's back office → the center's card store): the SOAP
 * entry (bean {@value #ENTRY_ENDPOINT}, secured like the EligibilityService) dispatches by operation; each
 * operation first passes {@link RegistryAccess} (right, own insurer, pre-stored), then calls the port.
 */
public final class RegistryRoutes extends RouteBuilder {
    public static final String ENTRY_ENDPOINT = "registryEndpoint";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);
    private static final int MAX_KEY_LENGTH = 40;

    private final RegistryAccess access;
    private final CardRegistryPort registry;
    private final CardKeyHmac cardNames;

    /** @param cardNames names cards in the log instead of their symbol and number (personal data) */
    public RegistryRoutes(RefusalLog refusals, InsurerDirectory insurers, CardRegistryPort registry,
                          CardKeyHmac cardNames) {
        this.access = new RegistryAccess(refusals, insurers);
        this.registry = registry;
        this.cardNames = cardNames;
    }

    @Override
    public void configure() {
        from("cxf:bean:" + ENTRY_ENDPOINT).routeId("registry-entry")
                .recipientList(simple("direct:${header.operationName}"));

        from("direct:registerCards").routeId("register-cards").process(this::registerCards);
        from("direct:endEligibility").routeId("end-eligibility").process(this::endEligibility);
        from("direct:getRegistryStatus").routeId("get-registry-status").process(this::getRegistryStatus);
        from("direct:listCardDigests").routeId("list-card-digests").process(this::listCardDigests);
    }

    void registerCards(Exchange exchange) throws InvalidRequestFault {
        String insurer = access.admit(exchange, OperationRights.REGISTER_CARDS);
        List<CardData> cards = RegistryAccess.parameter(exchange, 1) instanceof List<?> typed
                ? typed.stream().map(CardData.class::cast).toList() : List.of();
        RegistrationResult result = registry.register(insurer, cards);
        LOG.info("registerCards {}: {} cards, inserted {}, updated {}, unchanged {}, rejected {}", insurer,
                cards.size(), result.getInserted(), result.getUpdated(), result.getUnchanged(), result.getRejected());
        exchange.getMessage().setBody(result);
    }

    void endEligibility(Exchange exchange) throws InvalidRequestFault, NotFoundFault {
        String insurer = access.admit(exchange, OperationRights.END_ELIGIBILITY);
        String symbol = key(RegistryAccess.parameter(exchange, 1), "symbol");
        String number = key(RegistryAccess.parameter(exchange, 2), "number");
        LocalDate lost = (LocalDate) RegistryAccess.parameter(exchange, 3);
        OffsetDateTime updatedAt = (OffsetDateTime) RegistryAccess.parameter(exchange, 4);
        if (lost == null || updatedAt == null) {
            throw RegistryFaults.invalid("MISSING_FIELD", lost == null ? "qualificationLost" : "insurerUpdatedAt",
                    "the field is missing");
        }
        OffsetDateTime receivedAt = registry.endEligibility(insurer, symbol, number, lost, updatedAt)
                .orElseThrow(() -> RegistryFaults.notFound("CARD_NOT_FOUND", "number",
                        "the center holds no card " + symbol + "/" + number + " of insurer " + insurer));
        LOG.info("endEligibility {} {} from {}", insurer, cardNames.of(insurer, symbol, number), lost);
        exchange.getMessage().setBody(receivedAt);
    }

    void getRegistryStatus(Exchange exchange) throws InvalidRequestFault {
        String insurer = access.admit(exchange, OperationRights.GET_REGISTRY_STATUS);
        exchange.getMessage().setBody(registry.status(insurer));
    }

    void listCardDigests(Exchange exchange) throws InvalidRequestFault {
        String insurer = access.admit(exchange, OperationRights.LIST_CARD_DIGESTS);
        String afterSymbol = CardKeys.normalise((String) RegistryAccess.parameter(exchange, 1));
        String afterNumber = CardKeys.normalise((String) RegistryAccess.parameter(exchange, 2));
        Object limit = RegistryAccess.parameter(exchange, 3);
        if (afterSymbol == null && afterNumber != null) {
            throw RegistryFaults.invalid("INVALID_FIELD", "afterNumber", "afterNumber needs afterSymbol");
        }
        if (!(limit instanceof Integer size) || size < 1 || size > 1000) {
            throw RegistryFaults.invalid("INVALID_FIELD", "limit", "limit must be 1 to 1000");
        }
        exchange.getMessage().setBody(registry.digests(insurer, afterSymbol, afterNumber, size));
    }

    /** A normalised symbol or number, as at registration and query time. */
    private static String key(Object typed, String field) throws InvalidRequestFault {
        String value = CardKeys.normalise(typed == null ? null : typed.toString());
        if (value == null || value.isEmpty()) {
            throw RegistryFaults.invalid("MISSING_FIELD", field, field + " is missing");
        }
        if (value.length() > MAX_KEY_LENGTH) {
            throw RegistryFaults.invalid("INVALID_FIELD", field, field + " must be 1 to 40 characters");
        }
        return value;
    }
}
