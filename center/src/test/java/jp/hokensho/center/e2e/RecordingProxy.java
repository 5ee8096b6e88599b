package jp.hokensho.center.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP forwarder that keeps a copy of every request and response body passing through it, to
 * check what really travels on the wire (e.g. that no UsernameToken is ever relayed), or to hold requests
 * unanswered behind a gate (a peer that hangs).
 */
final class RecordingProxy implements AutoCloseable {
    private static final long MAX_HOLD_MILLIS = 120_000;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> responses = new CopyOnWriteArrayList<>();
    /** Requests after this many are answered 503 without forwarding (a network failure midway). */
    volatile int passOnly = Integer.MAX_VALUE;
    /** Requests waiting at the closed gate now ({@link #closeGate}). */
    final AtomicInteger held = new AtomicInteger();
    private final Object gate = new Object();
    private boolean gateOpen = true; // guarded by gate

    RecordingProxy(String target) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (requests.size() >= passOnly && !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            requests.add(new String(body, StandardCharsets.UTF_8));
            passGate();
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + (query == null ? "" : "?" + query)))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                forward.header("Content-Type", contentType);
            }
            String action = exchange.getRequestHeaders().getFirst("SOAPAction");
            if (action != null) {
                forward.header("SOAPAction", action);
            }
            try {
                HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                responses.add(new String(answer.body(), StandardCharsets.UTF_8));
                answer.headers().firstValue("Content-Type")
                        .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            }
        });
        server.start();
    }

    /**
     * From now on each request is held, unanswered, until {@link #openGate} (a peer that does not answer); the
     * server handles one request at a time, so the requests after it wait too, unread.
     */
    void closeGate() {
        synchronized (gate) {
            gateOpen = false;
        }
    }

    /** Held requests are forwarded (their callers may have given up on them meanwhile), new ones pass at once. */
    void openGate() {
        synchronized (gate) {
            gateOpen = true;
            gate.notifyAll();
        }
    }

    // Bounded, so that a test that forgets to open the gate fails instead of hanging.
    private void passGate() {
        synchronized (gate) {
            if (gateOpen) {
                return;
            }
            held.incrementAndGet();
            try {
                long deadline = System.currentTimeMillis() + MAX_HOLD_MILLIS;
                while (!gateOpen && System.currentTimeMillis() < deadline) {
                    gate.wait(Math.max(1, deadline - System.currentTimeMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
        }
    }

    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        openGate();
        server.stop(0);
    }
}
