package jp.hokensho.center.security;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.CertificateView;
import jp.hokensho.routes.port.RefusalLog;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.SignatureTrustValidator;

/**
 * Trusts a signing certificate only if it chains to the center's CA <em>and</em> the center's database
 * lists it as issued, not revoked and not expired. The database is read on every request, so a lost key
 * revoked on one node is refused on the very next request on every node (no cached CRL). Only the chain's
 * path validation to the CA, which cannot change while the trust store is the same, is remembered per
 * certificate ({@link TrustedChains}).
 */
public final class RegisteredCertificateValidator extends SignatureTrustValidator {
    private final CertificateStore certificates;
    private final RefusalLog refusals;
    private final Clock clock;
    private final TrustedChains chainsSeen = new TrustedChains();

    public RegisteredCertificateValidator(CertificateStore certificates, RefusalLog refusals, Clock clock) {
        this.certificates = certificates;
        this.refusals = refusals;
        this.clock = clock;
    }

    @Override
    public Credential validate(Credential credential, RequestData data) throws WSSecurityException {
        X509Certificate[] chain = credential == null ? null : credential.getCertificates();
        if (chain == null || chain.length == 0) {
            throw refuse(RefusalReason.MISSING_SIGNATURE_OR_TOKEN, null, "no certificate with the signature", data);
        }
        X509Certificate certificate = chain[0];
        // The database first: it knows revocations and expiry, and names the reason precisely.
        Optional<CertificateView> issued = certificates.find(certificate.getSerialNumber());
        if (issued.isEmpty() || !issued.get().subjectDn().equals(certificate.getSubjectX500Principal().getName())) {
            RefusalReason reason = chainsToCenterCa(credential, data) ? RefusalReason.UNKNOWN_KEY
                    : RefusalReason.UNTRUSTED_KEY;
            throw refuse(reason, certificate, "not in the center's issued keys", data);
        }
        if (issued.get().revokedAt() != null) {
            throw refuse(RefusalReason.REVOKED_KEY, certificate, "revoked at " + issued.get().revokedAt(), data);
        }
        if (issued.get().notAfter().isBefore(clock.instant())) {
            throw refuse(RefusalReason.EXPIRED_KEY, certificate, "expired at " + issued.get().notAfter(), data);
        }
        // Then the chain to the center's CA: a listed serial on a certificate the CA did not sign is a forgery.
        if (!chainsToCenterCa(credential, data)) {
            throw refuse(RefusalReason.UNTRUSTED_KEY, certificate, "does not chain to the center's CA", data);
        }
        // Kept for the caller check after WSS4J, so the key is read from the database once per request.
        if (data.getMsgContext() instanceof org.apache.cxf.message.Message message) {
            message.put(CertificateView.class, issued.get());
        }
        return credential;
    }

    private boolean chainsToCenterCa(Credential credential, RequestData data) {
        if (chainsSeen.known(credential.getCertificates(), data.getSigVerCrypto(), clock.instant())) {
            return true;
        }
        try {
            super.validate(credential, data);
            chainsSeen.remember(credential.getCertificates(), data.getSigVerCrypto());
            return true;
        } catch (WSSecurityException untrusted) {
            return false;
        }
    }

    private WSSecurityException refuse(RefusalReason reason, X509Certificate certificate, String detail,
                                       RequestData data) {
        String who = certificate == null ? "-"
                : certificate.getSubjectX500Principal().getName() + " serial " + certificate.getSerialNumber();
        refusals.refused(reason.name(), null, null, "signature", who + ": " + detail);
        RefusalMarks.markLogged(data.getMsgContext());
        return new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
    }
}
