package jp.hokensho.routes;

import jakarta.xml.ws.WebFault;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;

/**
 * Error handling of every route, in one place: a declared contract fault (a generated {@code @WebFault}
 * exception) or a security refusal is an answer to the caller, passed on unchanged and not logged as an error
 * of the center; anything else is left to the default handling (logged).
 */
public final class ExpectedFaults extends RouteConfigurationBuilder {
    @Override
    public void configuration() {
        routeConfiguration()
                .onException(Exception.class).onWhen(ExpectedFaults::isAnswerToCaller)
                .handled(false).logExhausted(false).logStackTrace(false)
                .process(ExpectedFaults::wrapAsDeclaredFault);
    }

    static boolean isAnswerToCaller(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught instanceof SoapFault || isDeclared(caught) || caught instanceof Fault && isDeclared(caught.getCause());
    }

    private static boolean isDeclared(Throwable fault) {
        return fault != null && fault.getClass().isAnnotationPresent(WebFault.class);
    }

    /**
     * Hands a contract fault to CXF already wrapped in a {@link Fault}, as CXF's own invoker does with a service
     * method's declared exception. Camel's consumer would otherwise mark it an unchecked application fault, which
     * CXF logs as a warning with a stack trace on every unknown number; the access log already has the request's
     * one line with its outcome. The caller receives the same typed fault either way.
     */
    public static void wrapAsDeclaredFault(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (isDeclared(caught)) {
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new Fault(caught));
        }
    }
}
