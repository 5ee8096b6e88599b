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
import javax.xml.parsers.DocumentBuilder;
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
    // Made once: a factory per answer cost a quarter of the batch worker's CPU (factory lookup, configuration).
    // Factories and builders are not thread-safe, so each thread keeps its own builder and canonicaliser.
    private static final DocumentBuilderFactory DOCUMENTS = DocumentBuilderFactory.newDefaultNSInstance();
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(AnswerDigest::newBuilder);
    private static final ThreadLocal<Canonicalizer> CANONICALIZER =
            ThreadLocal.withInitial(AnswerDigest::newExclusiveCanonicalizer);
    private final JAXBContext context;
    private final ThreadLocal<Marshaller> marshallers = ThreadLocal.withInitial(this::newMarshaller);

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

    /**
     * The current digest together with the bytes it is taken over, for callers that keep the canonical form too
     * (a batch item's stored answer): one serialisation instead of two.
     */
    public Canonical canonical(EligibilityAnswer answer) {
        byte[] xml = canonicalXml(answer);
        return new Canonical(xml, sha256Hex(xml), CURRENT_VERSION);
    }

    /** The bytes the current digest is taken over: the exclusive canonical form of the answer, UTF-8. */
    public byte[] canonicalXml(EligibilityAnswer answer) {
        try {
            Document document = newDocument();
            marshallers.get().marshal(new JAXBElement<>(ANSWER, EligibilityAnswer.class, answer), document);
            return AnswerCanonicalForm.of(document.getDocumentElement());
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot serialise an answer", e);
        }
    }

    /**
     * An answer's canonical form and its digest.
     *
     * @param xml     the exclusive canonical form, UTF-8 (not to be modified)
     * @param digest  SHA-256 of {@code xml}, lower-case hex
     * @param version the digest's method ({@link #CURRENT_VERSION})
     */
    public record Canonical(byte[] xml, String digest, int version) {
    }

    /** Version 1: JAXB's serialisation as it was hashed before version 2. */
    byte[] jaxbXml(EligibilityAnswer answer) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            marshallers.get().marshal(new JAXBElement<>(ANSWER, EligibilityAnswer.class, answer), out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot serialise an answer", e);
        }
    }

    private Marshaller newMarshaller() {
        try {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.FALSE);
            return marshaller;
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot make a marshaller for answers", e);
        }
    }

    /** An empty namespace-aware document, from this thread's builder. */
    static Document newDocument() {
        return BUILDER.get().newDocument();
    }

    private static DocumentBuilder newBuilder() {
        try {
            return DOCUMENTS.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML document builder", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Keeps Santuario's one-time initialisation in one place. */
    private static Canonicalizer newExclusiveCanonicalizer() {
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
            CANONICALIZER.get().canonicalizeSubtree(element, out);
            return out.toByteArray();
        } catch (CanonicalizationException e) {
            throw new IllegalStateException("cannot canonicalise an answer", e);
        }
    }
}
