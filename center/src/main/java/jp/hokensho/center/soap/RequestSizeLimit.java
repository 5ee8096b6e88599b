package jp.hokensho.center.soap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import jp.hokensho.center.security.RefusalMarks;
import jp.hokensho.center.security.RefusalReason;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.verification.SecurityFaults;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Refuses requests larger than the configured size before anything parses them: at once when the declared
 * Content-Length is too large, and while reading when a chunked body grows past the limit.
 */
public final class RequestSizeLimit extends AbstractPhaseInterceptor<Message> {
    /** SOAPActions of the bulk operations, whose requests may be larger ({@code center.batch.request.max-bytes}). */
    static final List<String> BATCH_ACTIONS = List.of("urn:verifyEligibilityBatch", "urn:submitBatch");

    private final long defaultMaxBytes;
    private final long batchMaxBytes;
    private final RefusalLog refusals;

    public RequestSizeLimit(long maxBytes, RefusalLog refusals) {
        this(maxBytes, maxBytes, refusals);
    }

    public RequestSizeLimit(long maxBytes, long batchMaxBytes, RefusalLog refusals) {
        super(Phase.RECEIVE);
        this.defaultMaxBytes = maxBytes;
        this.batchMaxBytes = batchMaxBytes;
        this.refusals = refusals;
    }

    @Override
    public void handleMessage(Message message) {
        // The body is encrypted, so only the declared SOAPAction can say a batch is coming; a false claim gains
        // nothing beyond the batch limit, and the decrypted body is limited by its real element.
        long maxBytes = isBatch(message) ? batchMaxBytes : defaultMaxBytes;
        long declared = declaredLength(message);
        if (declared > maxBytes) {
            throw refuse(message, "declared " + declared + " bytes", maxBytes);
        }
        InputStream body = message.getContent(InputStream.class);
        if (body != null) {
            message.setContent(InputStream.class, new Limited(body, message, maxBytes));
        }
    }

    private RuntimeException refuse(Message message, String detail, long maxBytes) {
        refusals.refused(RefusalReason.OVERSIZE.name(), null, null, RefusalMarks.operationOf(message),
                "request " + detail + ", limit " + maxBytes);
        RefusalMarks.markLogged(message);
        return SecurityFaults.generic();
    }

    private static boolean isBatch(Message message) {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        List<String> values = headers == null ? null : headers.get("SOAPAction");
        String action = values == null || values.isEmpty() ? "" : values.get(0).replace("\"", "").strip();
        return BATCH_ACTIONS.contains(action);
    }

    private static long declaredLength(Message message) {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        List<String> values = headers == null ? null : headers.get("Content-Length");
        if (values == null || values.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(values.get(0).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Counts what is read and fails once the limit is passed. */
    private final class Limited extends FilterInputStream {
        private final Message message;
        private final long maxBytes;
        private long read;

        Limited(InputStream in, Message message, long maxBytes) {
            super(in);
            this.message = message;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                refuse(message, "read more than " + maxBytes + " bytes", maxBytes);
                throw new IOException("request larger than " + maxBytes + " bytes");
            }
        }
    }
}
