package jp.hokensho.center.batch;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.transform.stream.StreamSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.routes.verification.AnswerDigest;

/**
 * An answer kept for getBatchResult (and for a repeated requestReference): the canonical XML whose SHA-256 is the
 * audit record's answer digest.
 */
public final class AnswerXml {
    private final AnswerDigest digest = new AnswerDigest();
    private final JAXBContext context;

    public AnswerXml() {
        try {
            context = JAXBContext.newInstance(EligibilityAnswer.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the JAXB context for answers", e);
        }
    }

    public String write(EligibilityAnswer answer) {
        return new String(digest.canonicalXml(answer), StandardCharsets.UTF_8);
    }

    public EligibilityAnswer read(String xml) {
        try {
            return context.createUnmarshaller()
                    .unmarshal(new StreamSource(new StringReader(xml)), EligibilityAnswer.class).getValue();
        } catch (JAXBException e) {
            throw new IllegalStateException("a stored answer cannot be read", e);
        }
    }
}
