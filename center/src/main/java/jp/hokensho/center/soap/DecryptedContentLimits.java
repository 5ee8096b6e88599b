package jp.hokensho.center.soap;

import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import jp.hokensho.center.security.RefusalMarks;
import jp.hokensho.center.security.RefusalReason;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.verification.SecurityFaults;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Node;

/**
 * Limits on the body as decrypted by WSS4J: the parser's limits only saw ciphertext, so a small encrypted
 * message could still decrypt into a huge or deeply nested document. Counted on the DOM before anything
 * else reads it.
 */
public final class DecryptedContentLimits extends AbstractSoapInterceptor {
    static final java.util.List<String> BATCH_ELEMENTS = java.util.List.of("verifyEligibilityBatch", "submitBatch");
    private final int maxElements;
    private final int maxDepth;
    private final long maxTextChars;
    private final RefusalLog refusals;
    private int batchMaxElements;
    private long batchMaxTextChars;

    public DecryptedContentLimits(int maxElements, int maxDepth, long maxTextChars, RefusalLog refusals) {
        super(Phase.POST_PROTOCOL);
        addBefore(ContractValidationInterceptor.class.getName());
        this.maxElements = maxElements;
        this.maxDepth = maxDepth;
        this.maxTextChars = maxTextChars;
        this.refusals = refusals;
        this.batchMaxElements = maxElements;
        this.batchMaxTextChars = maxTextChars;
    }

    /** Larger limits for the bulk operations' requests (verifyEligibilityBatch, submitBatch), by their element. */
    public DecryptedContentLimits withBatchLimits(int maxElements, long maxTextChars) {
        this.batchMaxElements = maxElements;
        this.batchMaxTextChars = maxTextChars;
        return this;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        SOAPMessage saaj = message.getContent(SOAPMessage.class);
        if (saaj == null) {
            return;
        }
        Tally tally = new Tally();
        try {
            org.w3c.dom.Element payload = org.apache.cxf.helpers.DOMUtils.getFirstElement(saaj.getSOAPBody());
            boolean batch = payload != null && BATCH_ELEMENTS.contains(payload.getLocalName());
            tally.maxElements = batch ? batchMaxElements : maxElements;
            tally.maxTextChars = batch ? batchMaxTextChars : maxTextChars;
            count(saaj.getSOAPBody(), 0, tally);
        } catch (SOAPException e) {
            return;
        }
        if (tally.over(maxDepth)) {
            refusals.refused(RefusalReason.OVERSIZE.name(), null, null, RefusalMarks.operationOf(message),
                    "decrypted body: " + tally.elements + " elements, depth " + tally.deepest + ", "
                            + tally.textChars + " characters");
            RefusalMarks.markLogged(message);
            throw SecurityFaults.generic();
        }
    }

    private void count(Node node, int depth, Tally tally) {
        if (tally.over(maxDepth)) {
            return;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                tally.elements++;
                tally.deepest = Math.max(tally.deepest, depth + 1);
                count(child, depth + 1, tally);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE
                    || child.getNodeType() == Node.COMMENT_NODE) {
                tally.textChars += child.getNodeValue().length();
            }
        }
    }

    /** What the walk has seen so far. */
    private static final class Tally {
        int elements;
        int deepest;
        long textChars;
        int maxElements;
        long maxTextChars;

        boolean over(int maxDepth) {
            return elements > maxElements || deepest > maxDepth || textChars > maxTextChars;
        }
    }
}
