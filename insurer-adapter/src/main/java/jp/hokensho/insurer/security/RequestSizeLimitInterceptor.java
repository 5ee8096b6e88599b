package jp.hokensho.insurer.security;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.apache.cxf.helpers.CastUtils;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Refuses request bodies over a byte limit, by Content-Length up front and by counting for chunked bodies.
 * CXF accepts 20 MB by default; this also bounds the decrypted plaintext, which is never larger than the body.
 */
public final class RequestSizeLimitInterceptor extends AbstractPhaseInterceptor<Message> {
    private final long maxBytes;

    public RequestSizeLimitInterceptor(long maxBytes) {
        super(Phase.RECEIVE);
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(Message message) throws Fault {
        Map<String, List<String>> headers = CastUtils.cast((Map<?, ?>) message.get(Message.PROTOCOL_HEADERS));
        if (headers != null) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if ("Content-Length".equalsIgnoreCase(h.getKey()) && !h.getValue().isEmpty()
                        && parse(h.getValue().get(0)) > maxBytes) {
                    RefusalReason.mark(message.getExchange(), RefusalReason.TOO_LARGE);
                    throw new Fault(new IOException("request exceeds the size limit"));
                }
            }
        }
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            message.setContent(InputStream.class, new Bounded(in, maxBytes, message.getExchange()));
        }
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Counts what is read and fails once past the limit. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private final Exchange exchange;
        private long count;

        Bounded(InputStream in, long max, Exchange exchange) {
            super(in);
            this.max = max;
            this.exchange = exchange;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws IOException {
            count += n;
            if (count > max) {
                RefusalReason.mark(exchange, RefusalReason.TOO_LARGE);
                throw new IOException("request exceeds the size limit");
            }
        }
    }
}
