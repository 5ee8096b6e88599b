package jp.hokensho.insurer.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.xml.namespace.QName;

import jp.hokensho.contract.insurer.InsurerQueryPortType;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.security.AdapterCrypto;
import jp.hokensho.insurer.security.AdapterLog;
import jp.hokensho.insurer.security.KeyPasswordCallback;
import jp.hokensho.insurer.security.RequestSizeLimitInterceptor;
import jp.hokensho.insurer.security.ServiceAccountInterceptor;
import jp.hokensho.insurer.security.ServiceAccountTokenValidator;
import jp.hokensho.insurer.security.ServiceAccountVerifier;
import jp.hokensho.insurer.security.UnauthorisedAccessLogger;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.wss4j.common.crypto.Crypto;

/**
 * The published queryCard endpoint: CXF on Jetty (HTTPS, or plain HTTP on loopback: {@link AdapterTls}), the WSDL's
 * security policy, our keys, limits and checks.
 */
public final class InsurerEndpoint {
    public static final String NAMESPACE = "http://hokensho.jp/verification/insurer-query/v1";
    public static final String WSDL = "classpath:wsdl/InsurerQueryService.wsdl";

    private final Bus bus;
    private final Server server;
    private final int port;
    private final String address;

    private InsurerEndpoint(Bus bus, Server server, int port, String address) {
        this.bus = bus;
        this.server = server;
        this.port = port;
        this.address = address;
    }

    public static InsurerEndpoint publish(AdapterSettings settings, InsurerQueryPortType implementation) {
        return publish(settings, implementation, AdapterLog.NONE);
    }

    /** Refusals also go to the unauthorised-access table through {@code log}. */
    public static InsurerEndpoint publish(AdapterSettings settings, InsurerQueryPortType implementation,
                                          AdapterLog log) {
        AdapterTls.requireTlsOffLoopback(settings);
        int port = settings.httpPort() != 0 ? settings.httpPort() : freePort(settings.httpHost());
        // A bus of our own, so stopping the adapter shuts its Jetty down without touching a caller's clients.
        Bus previous = BusFactory.getThreadDefaultBus(false);
        Bus bus = BusFactory.newInstance().createBus();
        BusFactory.setThreadDefaultBus(previous);
        if (BusFactory.getDefaultBus(false) == bus) {
            // CXF makes the first bus created the JVM's default; clients in this JVM must not inherit ours.
            BusFactory.setDefaultBus(null);
        }
        try {
            String address = AdapterTls.prepare(settings, bus, port) + "://" + settings.httpHost() + ":" + port
                    + settings.httpPath();
            JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
            factory.setBus(bus);
            factory.setServiceClass(InsurerQueryPortType.class);
            factory.setServiceBean(implementation);
            factory.setWsdlLocation(WSDL); // the policy lives in the WSDL; without it nothing is secured
            factory.setServiceName(new QName(NAMESPACE, "InsurerQueryService"));
            factory.setEndpointName(new QName(NAMESPACE, "InsurerQueryPort"));
            factory.setAddress(address);
            factory.setProperties(properties(settings));
            factory.getInInterceptors().add(new RequestSizeLimitInterceptor(settings.maxRequestBytes()));
            factory.getInInterceptors().add(new ServiceAccountInterceptor(new ServiceAccountVerifier(
                    settings.centerUsername(), settings.centerPasswordHash(),
                    Duration.ofSeconds(settings.centerPasswordCacheSeconds()), Clock.systemUTC())));
            factory.getOutFaultInterceptors().add(new UnauthorisedAccessLogger(log));
            Server server = factory.create();
            return new InsurerEndpoint(bus, server, port, address);
        } catch (RuntimeException e) {
            bus.shutdown(true);
            throw e;
        }
    }

    static Map<String, Object> properties(AdapterSettings s) {
        // Loaded once: given as properties, CXF loads the PKCS12 keystores (PBKDF2 and all) again on every message.
        Crypto crypto = AdapterCrypto.load(s);
        Map<String, Object> p = new HashMap<>();
        p.put(SecurityConstants.SIGNATURE_CRYPTO, crypto);
        // Signatures are verified with the encryption crypto: its truststore holds the center CA.
        p.put(SecurityConstants.ENCRYPT_CRYPTO, crypto);
        p.put("security.signature.username", s.keystoreAlias());
        p.put("security.encryption.username", "useReqSigCert");
        p.put("security.callback-handler", new KeyPasswordCallback(Map.of(s.keystoreAlias(), s.keyPassword())));
        // A token store of the endpoint's own: the shared EHCache store is closed when any CXF bus of the JVM
        // shuts down (e.g. another adapter stopping), which would break this running endpoint.
        p.put("org.apache.cxf.ws.security.tokenstore.TokenStore",
                new org.apache.cxf.ws.security.tokenstore.MemoryTokenStore());
        p.put("ws-security.asymmetric.signature.algorithm", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        // The CA also issues clinic keys: only the center's own certificate may call. The whole value is one
        // regular expression (DNs contain commas, CXF's default separator), matched against the RFC 2253 DN.
        p.put("security.subject.cert.constraints", s.centerSubjectConstraint());
        p.put("security.cert.constraints.separator", "\n");
        p.put("ws-security.ut.validator", new ServiceAccountTokenValidator());
        p.put("org.apache.cxf.stax.maxXMLCharacters", s.maxRequestBytes());
        p.put("org.apache.cxf.stax.maxElementDepth", s.maxElementDepth());
        p.put("org.apache.cxf.stax.maxChildElements", 1000);
        p.put("org.apache.cxf.stax.maxAttributeCount", 100);
        p.put("schema-validation-enabled", "IN");
        return p;
    }

    /** A free loopback port, found just before Jetty binds it (a race with other processes is unlikely). */
    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    public int port() {
        return port;
    }

    public String address() {
        return address;
    }

    /** Stops the endpoint and releases its port. */
    public void stop() {
        try {
            server.stop();
            server.destroy();
        } finally {
            bus.shutdown(true);
            JettyHTTPServerEngineFactory.destroyForPort(port);
        }
    }
}
