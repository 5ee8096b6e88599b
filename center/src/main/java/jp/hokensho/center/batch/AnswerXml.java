package jp.hokensho.center.batch;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
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
    // One unmarshaller per thread, kept: a new one looks up and configures a SAX parser factory (a class-path scan)
    // for its first parse, which was more than half of reading a page of batch results.
    private final ThreadLocal<Unmarshaller> unmarshallers = ThreadLocal.withInitial(this::newUnmarshaller);

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
            return unmarshallers.get()
                    .unmarshal(new StreamSource(new StringReader(xml)), EligibilityAnswer.class).getValue();
        } catch (JAXBException e) {
            throw new IllegalStateException("a stored answer cannot be read", e);
        }
    }

    private Unmarshaller newUnmarshaller() {
        try {
            return context.createUnmarshaller();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot make an unmarshaller for answers", e);
        }
    }
}
