-- A real-time insurer's certificate is part of its registration (issue 9): every node of the center reads it from
-- here, to encrypt requests to the insurer and to accept only answers signed by it, instead of from its own
-- truststore file (which now needs only the CA). PEM text of one X.509 certificate; NULL while none is registered.
-- Rows of an older installation are filled at the center's first start after this migration from the truststore
-- entry their certificate_alias names (InsurerCertificateImport); certificate_alias stays the name under which the
-- center's crypto finds the certificate. Portable (H2 MODE=MariaDB and MariaDB 10.11).
ALTER TABLE insurer ADD COLUMN certificate_pem TEXT;
