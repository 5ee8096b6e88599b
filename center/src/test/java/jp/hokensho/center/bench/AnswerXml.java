package jp.hokensho.center.bench;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import java.nio.file.Path;
import javax.xml.namespace.QName;
import javax.xml.transform.stream.StreamSource;
import jp.hokensho.contract.types.EligibilityAnswer;

/** The fixed answer of the stock endpoint as a file, handed from the benchmark to the stock endpoint's own JVM. */
final class AnswerXml {
    private static final QName ELEMENT = new QName("urn:bench:stock", "answer");

    private AnswerXml() {
    }

    static void write(EligibilityAnswer answer, Path file) {
        try {
            JAXBContext.newInstance(EligibilityAnswer.class).createMarshaller()
                    .marshal(new JAXBElement<>(ELEMENT, EligibilityAnswer.class, answer), file.toFile());
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write the stock endpoint's answer to " + file, e);
        }
    }

    static EligibilityAnswer read(Path file) {
        try {
            return JAXBContext.newInstance(EligibilityAnswer.class).createUnmarshaller()
                    .unmarshal(new StreamSource(file.toFile()), EligibilityAnswer.class).getValue();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot read the stock endpoint's answer from " + file, e);
        }
    }
}
