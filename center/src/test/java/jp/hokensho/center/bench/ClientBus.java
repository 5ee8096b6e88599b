package jp.hokensho.center.bench;

import java.util.concurrent.Callable;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.http.HTTPConduitFactory;
import org.apache.cxf.transport.http.URLConnectionHTTPConduit;

/**
 * The CXF bus of the benchmark's callers. CXF 4's default conduit (java.net.http) does its socket work on threads of
 * its own, which a per-thread CPU meter could not tell from the center's; the URLConnection conduit sends and
 * receives on the caller's thread, so all of a caller's work is on threads the meter knows to be the client's.
 * A bus of its own keeps the center's own outgoing calls (to insurers) on CXF's default conduit, as in production.
 */
final class ClientBus {
    private final Bus bus;

    ClientBus() {
        bus = BusFactory.newInstance().createBus();
        bus.setExtension((HTTPConduitFactory) (factory, owner, endpoint, target) ->
                new URLConnectionHTTPConduit(owner, endpoint, target), HTTPConduitFactory.class);
    }

    /** Runs {@code make} (a client's creation) with this bus as the thread's default, the bus JAX-WS clients take. */
    <T> T with(Callable<T> make) throws Exception {
        Bus previous = BusFactory.getThreadDefaultBus(false);
        BusFactory.setThreadDefaultBus(bus);
        try {
            T client = make.call();
            // Checked, not assumed: the CPU figures are only right if callers do their I/O on their own threads.
            Class<?> conduit = org.apache.cxf.frontend.ClientProxy.getClient(client).getConduit().getClass();
            if (!URLConnectionHTTPConduit.class.equals(conduit)) {
                throw new IllegalStateException("a benchmark caller got " + conduit.getName()
                        + ", not the URLConnection conduit: its I/O threads would count as the server's");
            }
            return client;
        } finally {
            BusFactory.setThreadDefaultBus(previous);
        }
    }

    void shutdown() {
        bus.shutdown(false);
    }
}
