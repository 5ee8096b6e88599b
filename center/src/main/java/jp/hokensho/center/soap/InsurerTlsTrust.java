package jp.hokensho.center.soap;

import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.interceptor.MessageSenderInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.Conduit;
import org.apache.cxf.transport.http.HTTPConduit;

/**
 * Makes every call to a real-time insurer trust the center's truststore (its CA) for HTTPS, and nothing else
 * (not the JVM's public CAs). Set on each call's conduit because the address is set per request, and CXF opens a
 * new conduit for each new address: TLS settings given to the client's first conduit would not reach it.
 */
final class InsurerTlsTrust extends AbstractPhaseInterceptor<Message> {
    private final TLSClientParameters tls;

    InsurerTlsTrust(TLSClientParameters tls) {
        super(Phase.PREPARE_SEND);
        addBefore(MessageSenderInterceptor.class.getName());
        this.tls = tls;
    }

    @Override
    public void handleMessage(Message message) {
        Conduit conduit = message.getExchange().getConduit(message);
        if (conduit instanceof HTTPConduit http && http.getTlsClientParameters() != tls) {
            http.setTlsClientParameters(tls);
        }
    }
}
