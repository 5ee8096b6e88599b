package jp.hokensho.insurer.service;

import java.util.Optional;
import java.util.Set;

import jakarta.jws.WebService;

import jp.hokensho.contract.CardKeyHmac;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.insurer.InsurerQueryPortType;
import jp.hokensho.contract.insurer.InvalidRequestFault;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.insurer.card.CardRepository;
import jp.hokensho.insurer.security.AdapterLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-time queryCard operation: the card's data as stored, or none; the center evaluates eligibility.
 */
@WebService(serviceName = "InsurerQueryService", portName = "InsurerQueryPort",
        targetNamespace = "http://hokensho.jp/verification/insurer-query/v1",
        endpointInterface = "jp.hokensho.contract.insurer.InsurerQueryPortType",
        wsdlLocation = "classpath:wsdl/InsurerQueryService.wsdl")
public class InsurerQueryServiceImpl implements InsurerQueryPortType {
    public static final String ACCESS_LOGGER = "jp.hokensho.insurer.access";
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);

    private final CardRepository cards;
    private final Set<String> servedInsurers;
    private final AdapterLog log;
    private final CardKeyHmac cardNames;

    /**
     * Every query also goes to the access-log table through {@code log}; the log names the card by
     * {@code cardNames}, never by its symbol and number (personal data).
     */
    public InsurerQueryServiceImpl(CardRepository cards, Set<String> servedInsurers, AdapterLog log,
                                   CardKeyHmac cardNames) {
        this.cards = cards;
        this.servedInsurers = Set.copyOf(servedInsurers);
        this.log = log;
        this.cardNames = cardNames;
    }

    @Override
    public CardData queryCard(String insurerNumber, String symbol, String number, String requestingInstitution,
                              String verificationNumber) throws InvalidRequestFault {
        long started = System.nanoTime();
        String insurer = CardKeys.normalise(insurerNumber);
        String sym = CardKeys.normalise(symbol);
        String num = CardKeys.normalise(number);
        if (!servedInsurers.contains(insurer)) {
            log(requestingInstitution, verificationNumber, insurer, sym, num, "UNKNOWN_INSURER", started);
            RequestFault info = new RequestFault();
            info.setCode("UNKNOWN_INSURER");
            info.setField("insurerNumber");
            info.setMessage("insurer number " + insurer + " is not served here");
            throw new InvalidRequestFault(info.getMessage(), info);
        }
        Optional<CardData> card = cards.find(insurer, sym, num);
        log(requestingInstitution, verificationNumber, insurer, sym, num, card.isPresent() ? "FOUND" : "NOT_FOUND",
                started);
        return card.orElse(null);
    }

    private void log(String institution, String verification, String insurer, String symbol, String number,
                     String outcome, long started) {
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        log.query(institution, verification, insurer, outcome, durationMs);
        ACCESS.info("query institution={} verification={} insurer={} card={} result={} durationMs={}",
                clean(institution), clean(verification), clean(insurer), cardNames.of(insurer, symbol, number),
                outcome, durationMs);
    }

    /** Caller-supplied text goes into the log without control characters, so it cannot forge log lines. */
    private static String clean(String value) {
        return value == null ? "-" : value.replaceAll("\\p{Cntrl}", " ");
    }
}
