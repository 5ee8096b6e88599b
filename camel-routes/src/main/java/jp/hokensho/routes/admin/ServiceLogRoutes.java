package jp.hokensho.routes.admin;

import java.util.List;
import java.util.function.Supplier;
import jp.hokensho.contract.admin.InvalidRequestFault;
import jp.hokensho.contract.admin.NotFoundFault;
import jp.hokensho.contract.admin.ServiceLogCriteria;
import jp.hokensho.contract.admin.UsageReportRequest;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.AdminRequestProblem;
import jp.hokensho.routes.port.OperationsReports;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.port.ServiceLogs;
import jp.hokensho.routes.verification.Authoriser;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AdminService, service logs and reports: {@code searchServiceLogs}, {@code traceVerification},
 * {@code exportServiceLogs}, {@code getUsageReport}, {@code getMonthlyOperationsReport}. Each operation checks
 * its rights first; bad input is answered with InvalidRequestFault, an unknown 認証番号 with NotFoundFault.
 */
public final class ServiceLogRoutes extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLogRoutes.class);
    private final Authoriser authoriser;
    private final ServiceLogs logs;
    private final OperationsReports reports;

    public ServiceLogRoutes(RefusalLog refusals, ServiceLogs logs, OperationsReports reports) {
        this.authoriser = new Authoriser(refusals);
        this.logs = logs;
        this.reports = reports;
    }

    @Override
    public void configure() {
        from("direct:searchServiceLogs").routeId("admin-search-service-logs")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.SEARCH_SERVICE_LOGS))
                .process(exchange -> answer(exchange, () -> logs.search((ServiceLogCriteria) parameter(exchange, 0),
                        (Integer) parameter(exchange, 1), (Integer) parameter(exchange, 2))));
        from("direct:traceVerification").routeId("admin-trace-verification")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.TRACE_VERIFICATION))
                .process(this::trace);
        from("direct:exportServiceLogs").routeId("admin-export-service-logs")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.EXPORT_SERVICE_LOGS))
                .process(exchange -> answer(exchange, () -> logs.export((ServiceLogCriteria) parameter(exchange, 0))));
        from("direct:getUsageReport").routeId("admin-usage-report")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.USAGE_REPORT))
                .process(exchange -> answer(exchange, () -> reports.usage((UsageReportRequest) parameter(exchange, 0))));
        from("direct:getMonthlyOperationsReport").routeId("admin-monthly-operations-report")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.MONTHLY_OPERATIONS_REPORT))
                .process(exchange -> answer(exchange, () -> reports.monthly((String) parameter(exchange, 0),
                        Boolean.TRUE.equals(parameter(exchange, 1)))));
    }

    void trace(Exchange exchange) throws InvalidRequestFault, NotFoundFault {
        String number = (String) parameter(exchange, 0);
        if (number == null || number.isBlank()) {
            throw invalid(new AdminRequestProblem("MISSING_FIELD", "verificationNumber", "give the 認証番号"));
        }
        var trace = logs.trace(number.strip());
        if (trace.isEmpty()) {
            RequestFault info = fault("VERIFICATION_NOT_FOUND", "verificationNumber", "no verification " + number);
            throw new NotFoundFault(info.getMessage(), info);
        }
        exchange.getMessage().setBody(trace.get());
    }

    private static void answer(Exchange exchange, Supplier<Object> work) throws InvalidRequestFault {
        try {
            exchange.getMessage().setBody(work.get());
        } catch (AdminRequestProblem problem) {
            LOG.info("{} refused as asked: {} {} ({})", exchange.getIn().getHeader("operationName"), problem.code(),
                    problem.field(), problem.getMessage());
            throw invalid(problem);
        }
    }

    private static InvalidRequestFault invalid(AdminRequestProblem problem) {
        RequestFault info = fault(problem.code(), problem.field(), problem.getMessage());
        return new InvalidRequestFault(problem.field() + ": " + problem.getMessage(), info);
    }

    private static RequestFault fault(String code, String field, String message) {
        RequestFault info = new RequestFault();
        info.setCode(code);
        info.setField(field);
        info.setMessage(message);
        return info;
    }

    private static Object parameter(Exchange exchange, int index) {
        List<?> parameters = exchange.getIn().getBody(List.class);
        return parameters == null || parameters.size() <= index ? null : parameters.get(index);
    }
}
