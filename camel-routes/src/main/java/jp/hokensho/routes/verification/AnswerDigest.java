package jp.hokensho.routes.verification;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import jp.hokensho.contract.types.EligibilityAnswer;
import org.apache.xml.security.Init;
import org.apache.xml.security.c14n.CanonicalizationException;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.c14n.InvalidCanonicalizerException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SHA-256 (lower-case hex) of an answer, stored with its audit record so that years later one can prove what
 * was answered. Each record names the method its digest was made with: {@link #JAXB_SERIALISATION} (version 1,
 * records made before version 2 existed: JAXB's own UTF-8 serialisation, which a JAXB upgrade may change) or
 * {@link #EXCLUSIVE_C14N} (version 2, the current one: the answer's exclusive XML canonical form, see
 * {@link AnswerCanonicalForm}, which any XML stack can reproduce from the answer it received).
 */
public final class AnswerDigest {
    public static final int JAXB_SERIALISATION = 1;
    public static final int EXCLUSIVE_C14N = 2;
    public static final int CURRENT_VERSION = EXCLUSIVE_C14N;

    static final QName ANSWER = new QName("http://hokensho.jp/verification/types/v1", "answer");
    private final JAXBContext context;

    public AnswerDigest() {
        try {
            context = JAXBContext.newInstance(EligibilityAnswer.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the JAXB context for answers", e);
        }
    }

    /** The digest of the current version. */
    public String of(EligibilityAnswer answer) {
        return of(answer, CURRENT_VERSION);
    }

    public String of(EligibilityAnswer answer, int version) {
        return switch (version) {
            case JAXB_SERIALISATION -> sha256Hex(jaxbXml(answer));
            case EXCLUSIVE_C14N -> sha256Hex(canonicalXml(answer));
            default -> throw new IllegalArgumentException("unknown answer digest version " + version
                    + " (known: " + JAXB_SERIALISATION + ", " + EXCLUSIVE_C14N + ")");
        };
    }

    /** The current digest of an answer held as XML (its {@code answer} element), however it was serialised. */
    public static String of(Element answer) {
        return sha256Hex(AnswerCanonicalForm.of(answer));
    }

    /** Whether {@code digest} is the digest of {@code answer} by the method {@code version} names. */
    public boolean matches(EligibilityAnswer answer, int version, String digest) {
        return digest != null && MessageDigest.isEqual(of(answer, version).getBytes(StandardCharsets.US_ASCII),
                digest.getBytes(StandardCharsets.US_ASCII));
    }

    /** The bytes the current digest is taken over: the exclusive canonical form of the answer, UTF-8. */
    public byte[] canonicalXml(EligibilityAnswer answer) {
        try {
            Document document = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
            marshaller().marshal(new JAXBElement<>(ANSWER, EligibilityAnswer.class, answer), document);
            return AnswerCanonicalForm.of(document.getDocumentElement());
        } catch (JAXBException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot serialise an answer", e);
        }
    }

    /** Version 1: JAXB's serialisation as it was hashed before version 2. */
    byte[] jaxbXml(EligibilityAnswer answer) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            marshaller().marshal(new JAXBElement<>(ANSWER, EligibilityAnswer.class, answer), out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot serialise an answer", e);
        }
    }

    private Marshaller marshaller() throws JAXBException {
        Marshaller marshaller = context.createMarshaller();
        marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
        marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.FALSE);
        return marshaller;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Keeps Santuario's one-time initialisation in one place. */
    static Canonicalizer exclusiveCanonicalizer() {
        Init.init();
        try {
            return Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        } catch (InvalidCanonicalizerException e) {
            throw new IllegalStateException("exclusive XML canonicalisation is missing", e);
        }
    }

    static byte[] canonicalise(Element element) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exclusiveCanonicalizer().canonicalizeSubtree(element, out);
            return out.toByteArray();
        } catch (CanonicalizationException e) {
            throw new IllegalStateException("cannot canonicalise an answer", e);
        }
    }
}
