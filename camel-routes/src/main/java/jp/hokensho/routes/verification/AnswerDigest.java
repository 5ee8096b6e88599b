package jp.hokensho.routes.verification;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.xml.namespace.QName;
import jp.hokensho.contract.types.EligibilityAnswer;

/**
 * SHA-256 over the answer as one canonical XML document (the contract's own serialisation, UTF-8, no
 * formatting). Stored with the audit record so that years later one can prove what was answered.
 */
public final class AnswerDigest {
    private static final QName ANSWER = new QName("http://hokensho.jp/verification/types/v1", "answer");
    private final JAXBContext context;

    public AnswerDigest() {
        try {
            context = JAXBContext.newInstance(EligibilityAnswer.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the JAXB context for answers", e);
        }
    }

    public String of(EligibilityAnswer answer) {
        return sha256Hex(canonicalXml(answer));
    }

    public byte[] canonicalXml(EligibilityAnswer answer) {
        try {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.FALSE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            marshaller.marshal(new JAXBElement<>(ANSWER, EligibilityAnswer.class, answer), out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot serialise an answer", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
