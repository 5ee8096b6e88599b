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
            return make.call();
        } finally {
            BusFactory.setThreadDefaultBus(previous);
        }
    }

    void shutdown() {
        bus.shutdown(false);
    }
}
