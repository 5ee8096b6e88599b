package jp.hokensho.center.admin.logs;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javax.sql.DataSource;
import jp.hokensho.center.audit.AuditChains;
import jp.hokensho.center.audit.RecordIntegrity;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.contract.CardKeyHmac;
import jp.hokensho.contract.admin.ServiceLogCriteria;
import jp.hokensho.contract.admin.ServiceLogExport;
import jp.hokensho.contract.admin.ServiceLogPage;
import jp.hokensho.contract.admin.VerificationTrace;
import jp.hokensho.routes.port.AdminRequestProblem;
import jp.hokensho.routes.port.ServiceLogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The AdminService's service logs (policy 10) from the center's database: search, trace, export. */
public final class StoredServiceLogs implements ServiceLogs {
    private static final Logger LOG = LoggerFactory.getLogger(StoredServiceLogs.class);
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");

    /** Bounds from the settings: a page, and an export (refused above it, never cut short). */
    public record Limits(int maxPageSize, int maxExportRows) {
    }

    private final ServiceLogQuery query;
    private final RequestAccesses accesses;
    private final RecordIntegrity integrity;
    private final Limits limits;
    private final Clock clock;

    public StoredServiceLogs(Database database, CardKeyHmac cardNames, Limits limits, Clock clock) {
        DataSource dataSource = database.dataSource();
        this.query = new ServiceLogQuery(dataSource, cardNames);
        this.accesses = new RequestAccesses(dataSource);
        this.integrity = new RecordIntegrity(database);
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public ServiceLogPage search(ServiceLogCriteria criteria, Integer offset, Integer limit) {
        LogSearch search = LogSearch.of(criteria);
        int size = limit == null ? Math.min(DEFAULT_PAGE_SIZE, limits.maxPageSize()) : limit;
        if (size < 1 || size > limits.maxPageSize()) {
            throw new AdminRequestProblem("PAGE_TOO_LARGE", "limit", "a page holds 1 to " + limits.maxPageSize()
                    + " entries, not " + size);
        }
        int first = offset == null ? 0 : offset;
        if (first < 0) {
            throw new AdminRequestProblem("INVALID_FIELD", "offset", "the offset cannot be negative");
        }
        ServiceLogPage page = new ServiceLogPage();
        page.setTotal(query.count(search));
        if (first < page.getTotal()) {
            query.read(search, first, size, page.getEntry()::add);
        }
        return page;
    }

    @Override
    public Optional<VerificationTrace> trace(String verificationNumber) {
        return integrity.check(verificationNumber).map(check -> {
            VerificationTrace trace = new VerificationTrace();
            trace.setRecord(check.record());
            trace.setChain(check.chain() == AuditChains.LEGACY ? null : check.chain());
            trace.setPosition(check.position());
            trace.setHashMatches(check.hashMatches());
            trace.setChainLinkMatches(check.chainLinkMatches());
            trace.setCheckpointPosition(check.checkpointPosition());
            trace.setBatchReceptionNumber(accesses.batchOf(verificationNumber).orElse(null));
            trace.getAccess().addAll(accesses.of(check.record(), trace.getBatchReceptionNumber()));
            if (!check.hashMatches() || !check.chainLinkMatches()) {
                LOG.warn("traced verification {} fails its audit check: hash {}, chain link {}", verificationNumber,
                        check.hashMatches() ? "matches" : "DIFFERS", check.chainLinkMatches() ? "matches" : "DIFFERS");
            }
            return trace;
        });
    }

    @Override
    public ServiceLogExport export(ServiceLogCriteria criteria) {
        LogSearch search = LogSearch.of(criteria);
        long total = query.count(search);
        if (total > limits.maxExportRows()) {
            throw new AdminRequestProblem("EXPORT_TOO_LARGE", "criteria", total + " entries match; an export holds "
                    + "at most " + limits.maxExportRows() + ": narrow the period or the filters");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long rows;
        try (ServiceLogCsv csv = new ServiceLogCsv(bytes)) {
            query.read(search, 0, -1, csv::write);
            rows = csv.rows();
        }
        ServiceLogExport export = new ServiceLogExport();
        export.setRows(rows);
        export.setFileName(search.log().value().toLowerCase() + "-log-"
                + clock.instant().atZone(LogSearch.JAPAN).format(FILE_TIME) + ".csv");
        export.setCsv(bytes.toByteArray());
        LOG.info("exported {} entries of the {} log", rows, search.log());
        return export;
    }
}
