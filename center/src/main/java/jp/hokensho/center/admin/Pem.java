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
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n",
                    StandardCharsets.US_ASCII);
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot write certificate " + file, e);
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
