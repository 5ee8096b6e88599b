package jp.hokensho.center.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Certificates in files as operators exchange them: PEM written, PEM or DER read. */
public final class Pem {
    private Pem() {
    }

    public static void write(Path file, X509Certificate certificate) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text(certificate), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write certificate " + file, e);
        }
    }

    /** The certificate as PEM text (how the database keeps an insurer's certificate). */
    public static String text(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** @throws IllegalArgumentException the text is not one PEM certificate */
    public static X509Certificate parse(String pem) {
        try (InputStream in = new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("not a PEM X.509 certificate", e);
        }
    }

    public static X509Certificate read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate (PEM or DER): " + file, e);
        }
    }
}
