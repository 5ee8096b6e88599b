package jp.hokensho.routes;

import jakarta.xml.ws.WebFault;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.cxf.binding.soap.SoapFault;

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
                .handled(false).logExhausted(false).logStackTrace(false);
    }

    static boolean isAnswerToCaller(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught instanceof SoapFault || caught != null && caught.getClass().isAnnotationPresent(WebFault.class);
    }
}
