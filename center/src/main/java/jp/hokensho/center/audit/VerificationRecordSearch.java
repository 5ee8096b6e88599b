package jp.hokensho.center.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.routes.port.VerificationListing;
import jp.hokensho.routes.port.VerificationSearch;
import org.hibernate.Session;

/**
 * 認証結果の閲覧 in {@code verification_record}: always bounded to one requester organisation and ordered by
 * request time, so the (requester_org_code, requested_at) index of V1 serves the search; the card filter is
 * the leading columns of the card index. Only the filters given become conditions.
 */
final class VerificationRecordSearch {
    private final Session session;

    VerificationRecordSearch(Session session) {
        this.session = session;
    }

    VerificationListing run(VerificationSearch search) {
        List<String> conditions = new ArrayList<>(List.of("r.requesterOrganisationCode = :organisation"));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("organisation", search.organisationCode());
        condition(conditions, parameters, "r.requestedAt >= :requestedFrom", "requestedFrom",
                StoredTime.of(search.requestedFrom()));
        condition(conditions, parameters, "r.requestedAt < :requestedBefore", "requestedBefore",
                StoredTime.of(search.requestedBefore()));
        condition(conditions, parameters, "r.resultCode = :resultCode", "resultCode", search.resultCode());
        condition(conditions, parameters, "r.insurerNumber = :insurerNumber", "insurerNumber",
                search.insurerNumber());
        condition(conditions, parameters, "r.symbol = :symbol", "symbol", search.symbol());
        condition(conditions, parameters, "r.number = :number", "number", search.number());
        String where = " where " + String.join(" and ", conditions);

        var count = session.createSelectionQuery("select count(r) from VerificationRecordEntity r" + where,
                Long.class);
        var page = session.createSelectionQuery("from VerificationRecordEntity r" + where
                + " order by r.requestedAt desc, r.chain desc, r.position desc", VerificationRecordEntity.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            page.setParameter(name, value);
        });
        long total = count.getSingleResult();
        List<jp.hokensho.contract.types.VerificationRecord> records = total <= search.offset() ? List.of()
                : page.setFirstResult(search.offset()).setMaxResults(search.limit()).getResultList().stream()
                        .map(VerificationRecordEntity::toRecord).toList();
        return new VerificationListing(records, total);
    }

    private static void condition(List<String> conditions, Map<String, Object> parameters, String condition,
                                  String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(name, value);
        }
    }
}
