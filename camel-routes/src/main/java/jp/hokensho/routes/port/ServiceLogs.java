package jp.hokensho.routes.port;

import java.util.Optional;
import jp.hokensho.contract.admin.ServiceLogCriteria;
import jp.hokensho.contract.admin.ServiceLogExport;
import jp.hokensho.contract.admin.ServiceLogPage;
import jp.hokensho.contract.admin.VerificationTrace;

/**
 * The service logs as the AdminService reads them (policy 10): the verification records, the access log and the
 * unauthorised-access log. Bad criteria throw {@link AdminRequestProblem}.
 */
public interface ServiceLogs {
    /** One page, newest first; {@code limit} null means the default page size. */
    ServiceLogPage search(ServiceLogCriteria criteria, Integer offset, Integer limit);

    /** One 認証番号's record with its request's access-log entries and its audit check; empty when unknown. */
    Optional<VerificationTrace> trace(String verificationNumber);

    /** Every entry the criteria select, as CSV; refused (not cut) when they are more than the export allows. */
    ServiceLogExport export(ServiceLogCriteria criteria);
}
