#!/usr/bin/python3
"""Verify an insurance card at the verification center over WS-Security, without any Java.

An independent client for EligibilityService written from the standards (SOAP 1.1, WS-Security 1.0
X.509 and UsernameToken profiles, XML-DSig, XML-Enc) and the service's WS-SecurityPolicy, to show the
service interoperates with the standard and not only with Apache CXF.

Request, as the policy asks (AsymmetricBinding, Strict layout, sign before encrypt):

    wsse:Security
      wsu:Timestamp                 signed
      wsse:BinarySecurityToken      the clinic's certificate (InitiatorToken, AlwaysToRecipient)
      xenc:EncryptedKey             RSA-OAEP to the center's cert (issuer+serial); lists both EncryptedData
      xenc:EncryptedData            the wsse:UsernameToken, signed then encrypted (SignedEncryptedSupportingTokens)
      ds:Signature                  RSA-SHA256 over Timestamp, UsernameToken and Body; key = the BST
    soap:Body                       signed, then its content encrypted (AES-256-CBC)

Answer: the body content is decrypted with the clinic's key, then the center's signature over the Body
and Timestamp is verified with the center's certificate from the truststore. Anything that does not
check out is refused.

Only Debian packages: python3-lxml, python3-xmlsec (XML-DSig with C14N), python3-cryptography (keys,
AES, RSA-OAEP). Run with /usr/bin/python3.

Exit codes: 0 an answer (JSON on stdout), 1 a SOAP fault (faultcode/faultstring on stderr),
2 usage or any other error.
"""

import argparse
import base64
import datetime
import json
import os
import sys
import urllib.error
import urllib.request
import uuid

from cryptography import x509
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.serialization import pkcs12
from lxml import etree
import xmlsec

# --- Namespaces and algorithm identifiers --------------------------------------------------------

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
DS = "http://www.w3.org/2000/09/xmldsig#"
XENC = "http://www.w3.org/2001/04/xmlenc#"
ELIG = "http://hokensho.jp/verification/eligibility/v1"
TYPES = "http://hokensho.jp/verification/types/v1"

X509V3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
BASE64_BINARY = ("http://docs.oasis-open.org/wss/2004/01/"
                 "oasis-200401-wss-soap-message-security-1.0#Base64Binary")
PASSWORD_TEXT = ("http://docs.oasis-open.org/wss/2004/01/"
                 "oasis-200401-wss-username-token-profile-1.0#PasswordText")

AES256_CBC = XENC + "aes256-cbc"
RSA_OAEP = XENC + "rsa-oaep-mgf1p"
SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1"
ENC_CONTENT = XENC + "Content"
ENC_ELEMENT = XENC + "Element"

SIGNATURE_ALGORITHMS = {
    # The service requires RSA-SHA256 (said in the WSDL's documentation). Note that the policy's
    # sp:Basic256Sha256 suite, read strictly, names RSA-SHA1 as its asymmetric signature algorithm;
    # rsa-sha1 is kept here only to reproduce that mismatch against the service.
    "rsa-sha256": xmlsec.constants.TransformRsaSha256,
    "rsa-sha1": xmlsec.constants.TransformRsaSha1,
}

TIMESTAMP_TTL = datetime.timedelta(minutes=5)
CLOCK_SKEW = datetime.timedelta(minutes=5)
HTTP_TIMEOUT_SECONDS = 60

OPERATIONS = {"verifyEligibility": "urn:verifyEligibility", "getVerification": "urn:getVerification"}

# libxmlsec prints its own error trace to stderr on a failed verification; the refusal says it better.
xmlsec.enable_debug_trace(False)


class Refused(Exception):
    """The answer cannot be trusted (bad signature, wrong key, missing reference, stale...)."""


class SoapFault(Exception):
    def __init__(self, code, string, detail):
        super().__init__(string)
        self.code, self.string, self.detail = code, string, detail


def q(ns, name):
    return "{%s}%s" % (ns, name)


# --- Settings and keys ---------------------------------------------------------------------------

def load_properties(path):
    """Reads a Java .properties file (the demo writes it with java.util.Properties)."""
    with open(path, encoding="utf-8") as f:
        raw_lines = f.read().splitlines()
    properties, pending = {}, ""
    for line in raw_lines:
        line = pending + line.lstrip()
        pending = ""
        if not line or line[0] in "#!":
            continue
        # An odd number of trailing backslashes continues the logical line.
        if (len(line) - len(line.rstrip("\\"))) % 2 == 1:
            pending = line[:-1]
            continue
        key, value = _split_property(line)
        properties[_unescape(key)] = _unescape(value)
    return properties


def _split_property(line):
    i = 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] in "=: \t":
            break
        i += 1
    key, rest = line[:i], line[i:].lstrip(" \t")
    if rest[:1] in ("=", ":"):
        rest = rest[1:].lstrip(" \t")
    return key, rest


def _unescape(text):
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            if n == "u":
                out.append(chr(int(text[i + 2:i + 6], 16)))
                i += 6
                continue
            out.append({"t": "\t", "n": "\n", "r": "\r", "f": "\f"}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


class Credentials:
    """The clinic's key and certificate, and the center's certificate, from the demo's PKCS#12 files."""

    def __init__(self, properties):
        keystore = _read_pkcs12(properties["keystore"], properties["keystorePassword"])
        if keystore.key is None or keystore.cert is None:
            raise ValueError("keystore %s holds no private key" % properties["keystore"])
        self.client_key = keystore.key
        self.client_cert = keystore.cert.certificate
        truststore = _read_pkcs12(properties["truststore"], properties["truststorePassword"])
        self.center_cert = _certificate_by_alias(truststore, properties["serverAlias"])

    def client_key_pem(self):
        return self.client_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption())


def _read_pkcs12(path, password):
    with open(path, "rb") as f:
        return pkcs12.load_pkcs12(f.read(), password.encode("utf-8"))


def _certificate_by_alias(store, alias):
    # Java keeps trusted certificates as bag entries named by their alias (PKCS#12 friendlyName).
    candidates = ([store.cert] if store.cert else []) + list(store.additional_certs)
    for entry in candidates:
        if entry.friendly_name is not None and entry.friendly_name.decode("utf-8") == alias:
            return entry.certificate
    raise ValueError("no certificate under alias %r in the truststore" % alias)


def issuer_name(cert):
    """RFC 2253 issuer name, the form X509IssuerName takes (Java writes the same)."""
    return cert.issuer.rfc4514_string()


def same_distinguished_name(a, b):
    def norm(name):
        parts = [p.strip() for p in name.replace("\\,", "\0").split(",")]
        return sorted("=".join(s.strip() for s in p.split("=", 1)).lower().replace("\0", ",") for p in parts)
    return norm(a) == norm(b)


# --- Building the request ------------------------------------------------------------------------

def build_payload(args):
    """The document/literal wrapped request element (element names and order from the XSDs)."""
    if args.operation == "getVerification":
        root = etree.Element(q(ELIG, "getVerification"), nsmap={"e": ELIG})
        etree.SubElement(root, q(ELIG, "verificationNumber")).text = args.verification_number
        return root
    root = etree.Element(q(ELIG, "verifyEligibility"), nsmap={"e": ELIG, "t": TYPES})
    query = etree.SubElement(root, q(ELIG, "query"))
    for name, value in (("insurerNumber", args.insurer), ("symbol", args.symbol), ("number", args.number),
                        ("branchNumber", args.branch), ("targetDate", args.date),
                        ("birthDate", args.birth_date)):
        if value is not None:
            etree.SubElement(query, q(TYPES, name)).text = value
    return root


def new_id(prefix):
    return "%s-%s" % (prefix, uuid.uuid4())


def xml_time(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def build_envelope(payload):
    envelope = etree.Element(q(SOAP, "Envelope"),
                             nsmap={"soap": SOAP, "wsse": WSSE, "wsu": WSU, "ds": DS, "xenc": XENC})
    header = etree.SubElement(envelope, q(SOAP, "Header"))
    security = etree.SubElement(header, q(WSSE, "Security"))
    security.set(q(SOAP, "mustUnderstand"), "1")
    body = etree.SubElement(envelope, q(SOAP, "Body"))
    body.set(q(WSU, "Id"), new_id("Body"))
    body.append(payload)
    return envelope, security, body


def add_timestamp(security):
    now = datetime.datetime.now(datetime.timezone.utc)
    timestamp = etree.SubElement(security, q(WSU, "Timestamp"))
    timestamp.set(q(WSU, "Id"), new_id("TS"))
    etree.SubElement(timestamp, q(WSU, "Created")).text = xml_time(now)
    etree.SubElement(timestamp, q(WSU, "Expires")).text = xml_time(now + TIMESTAMP_TTL)
    return timestamp


def add_binary_security_token(security, cert):
    token = etree.SubElement(security, q(WSSE, "BinarySecurityToken"))
    token.set(q(WSU, "Id"), new_id("X509"))
    token.set("EncodingType", BASE64_BINARY)
    token.set("ValueType", X509V3)
    token.text = base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode("ascii")
    return token


def add_username_token(security, username, password):
    token = etree.SubElement(security, q(WSSE, "UsernameToken"))
    token.set(q(WSU, "Id"), new_id("UsernameToken"))
    etree.SubElement(token, q(WSSE, "Username")).text = username
    secret = etree.SubElement(token, q(WSSE, "Password"))
    secret.set("Type", PASSWORD_TEXT)
    secret.text = password
    return token


def sign(security, signed_elements, bst, credentials, algorithm):
    """XML-DSig enveloping nothing: one Reference per signed element, by its wsu:Id, exclusive C14N."""
    signature = xmlsec.template.create(security, xmlsec.constants.TransformExclC14N,
                                       SIGNATURE_ALGORITHMS[algorithm], ns="ds")
    signature.set("Id", new_id("SIG"))
    security.append(signature)
    ctx = xmlsec.SignatureContext()
    for element in signed_elements:
        # xmlsec only resolves "#id" URIs for attributes it is told are IDs; wsu:Id is namespaced.
        ctx.register_id(element, "Id", WSU)
        reference = xmlsec.template.add_reference(signature, xmlsec.constants.TransformSha256,
                                                  uri="#" + element.get(q(WSU, "Id")))
        xmlsec.template.add_transform(reference, xmlsec.constants.TransformExclC14N)
    ctx.key = xmlsec.Key.from_memory(credentials.client_key_pem(), xmlsec.constants.KeyDataFormatPem)
    ctx.sign(signature)
    # The KeyInfo is outside SignedInfo, so it can be added after signing: a WS-Security direct
    # reference to the BinarySecurityToken (X.509 token profile), which xmlsec cannot write itself.
    key_info = etree.SubElement(signature, q(DS, "KeyInfo"))
    reference = etree.SubElement(etree.SubElement(key_info, q(WSSE, "SecurityTokenReference")),
                                 q(WSSE, "Reference"))
    reference.set("URI", "#" + bst.get(q(WSU, "Id")))
    reference.set("ValueType", X509V3)
    return signature


def aes_cbc_encrypt(key, plaintext):
    """XML-Enc block cipher: IV || ciphertext. PKCS#7 padding is one valid form of XML-Enc padding."""
    iv = os.urandom(16)
    padder = padding.PKCS7(128).padder()
    data = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return iv + encryptor.update(data) + encryptor.finalize()


def aes_cbc_decrypt(key, blob):
    iv, ciphertext = blob[:16], blob[16:]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    data = decryptor.update(ciphertext) + decryptor.finalize()
    # XML-Enc padding: only the last byte is defined (the pad length); the others may be random
    # (Java writes ISO 10126), so PKCS#7 unpadding would wrongly reject them.
    pad = data[-1] if data else 0
    if not 1 <= pad <= 16:
        raise Refused("bad padding in encrypted data")
    return data[:-pad]


def encrypted_data(data_id, encryption_type, ciphertext):
    element = etree.Element(q(XENC, "EncryptedData"), nsmap={"xenc": XENC})
    element.set("Id", data_id)
    element.set("Type", encryption_type)
    etree.SubElement(element, q(XENC, "EncryptionMethod")).set("Algorithm", AES256_CBC)
    cipher_data = etree.SubElement(element, q(XENC, "CipherData"))
    etree.SubElement(cipher_data, q(XENC, "CipherValue")).text = base64.b64encode(ciphertext).decode("ascii")
    return element


def encrypt_element(element, key):
    """Replaces the element by an EncryptedData of Type Element (used for the UsernameToken)."""
    # lxml serialises a sub-element with its in-scope namespace declarations, so it parses standalone.
    data = encrypted_data(new_id("ED"), ENC_ELEMENT,
                          aes_cbc_encrypt(key, etree.tostring(element, encoding="utf-8")))
    element.getparent().replace(element, data)
    return data


def encrypt_content(parent, key):
    """Replaces the parent's children by an EncryptedData of Type Content (used for the Body)."""
    plaintext = b"".join(etree.tostring(child, encoding="utf-8", with_tail=True) for child in parent)
    for child in list(parent):
        parent.remove(child)
    parent.text = None
    data = encrypted_data(new_id("ED"), ENC_CONTENT, aes_cbc_encrypt(key, plaintext))
    parent.append(data)
    return data


def encrypted_key(session_key, center_cert, data_elements):
    """RSA-OAEP key transport to the center, whose certificate is referenced by issuer and serial
    (RecipientToken: IncludeToken Never, RequireIssuerSerialReference)."""
    wrapped = center_cert.public_key().encrypt(session_key, asym_padding.OAEP(
        mgf=asym_padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None))
    element = etree.Element(q(XENC, "EncryptedKey"), nsmap={"xenc": XENC})
    element.set("Id", new_id("EK"))
    method = etree.SubElement(element, q(XENC, "EncryptionMethod"))
    method.set("Algorithm", RSA_OAEP)
    etree.SubElement(method, q(DS, "DigestMethod")).set("Algorithm", SHA1)
    key_info = etree.SubElement(element, q(DS, "KeyInfo"))
    token_reference = etree.SubElement(key_info, q(WSSE, "SecurityTokenReference"))
    x509_data = etree.SubElement(token_reference, q(DS, "X509Data"))
    issuer_serial = etree.SubElement(x509_data, q(DS, "X509IssuerSerial"))
    etree.SubElement(issuer_serial, q(DS, "X509IssuerName")).text = issuer_name(center_cert)
    etree.SubElement(issuer_serial, q(DS, "X509SerialNumber")).text = str(center_cert.serial_number)
    cipher_data = etree.SubElement(element, q(XENC, "CipherData"))
    etree.SubElement(cipher_data, q(XENC, "CipherValue")).text = base64.b64encode(wrapped).decode("ascii")
    references = etree.SubElement(element, q(XENC, "ReferenceList"))
    for data in data_elements:
        etree.SubElement(references, q(XENC, "DataReference")).set("URI", "#" + data.get("Id"))
    return element


def secure_request(payload, credentials, username, password, signature_algorithm):
    envelope, security, body = build_envelope(payload)
    timestamp = add_timestamp(security)
    bst = add_binary_security_token(security, credentials.client_cert)
    username_token = add_username_token(security, username, password)
    # Sign first (over the plaintext), then encrypt: the policy's default SignBeforeEncrypting.
    signature = sign(security, [timestamp, username_token, body], bst, credentials, signature_algorithm)
    session_key = os.urandom(32)
    encrypted_token = encrypt_element(username_token, session_key)
    encrypted_body = encrypt_content(body, session_key)
    # The EncryptedKey goes before the EncryptedData it lists, so a receiver reading the header top
    # down holds the key before it meets the encrypted token, and the token is decrypted before the
    # Signature that references it: Timestamp, BST, EncryptedKey, EncryptedData(UT), Signature.
    security.insert(security.index(encrypted_token),
                    encrypted_key(session_key, credentials.center_cert, [encrypted_token, encrypted_body]))
    assert security.index(signature) == len(security) - 1
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


# --- Sending -------------------------------------------------------------------------------------

def post(endpoint, soap_action, message):
    request = urllib.request.Request(endpoint, data=message, method="POST", headers={
        "Content-Type": "text/xml; charset=UTF-8", "SOAPAction": '"%s"' % soap_action})
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_SECONDS) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        # SOAP 1.1 over HTTP carries faults with status 500; the body is the envelope.
        body = error.read()
        if error.code == 500 and b"Envelope" in body[:1000]:
            return body
        raise RuntimeError("HTTP %d from %s, not a SOAP answer: %s"
                           % (error.code, endpoint, body[:300].decode("utf-8", "replace"))) from error


# --- Reading the answer --------------------------------------------------------------------------

def raise_if_fault(envelope):
    fault = envelope.find("%s/%s" % (q(SOAP, "Body"), q(SOAP, "Fault")))
    if fault is None:
        return
    detail = fault.find("detail")
    raise SoapFault(fault.findtext("faultcode", "").strip(), fault.findtext("faultstring", "").strip(),
                    to_json_value(detail[0]) if detail is not None and len(detail) else None)


def security_header(envelope):
    headers = envelope.findall("%s/%s" % (q(SOAP, "Header"), q(WSSE, "Security")))
    if len(headers) != 1:
        raise Refused("expected one wsse:Security header, found %d" % len(headers))
    return headers[0]


def unwrap_session_keys(security, credentials):
    """Decrypts each EncryptedKey with the clinic's key; returns {EncryptedData Id: session key}."""
    keys = {}
    for element in security.findall(q(XENC, "EncryptedKey")):
        algorithm = element.find(q(XENC, "EncryptionMethod")).get("Algorithm")
        if algorithm != RSA_OAEP:
            raise Refused("unexpected key transport algorithm %s" % algorithm)
        digest = element.find("%s/%s" % (q(XENC, "EncryptionMethod"), q(DS, "DigestMethod")))
        if digest is not None and digest.get("Algorithm") != SHA1:
            raise Refused("unexpected OAEP digest %s" % digest.get("Algorithm"))
        _check_addressed_to_us(element, credentials.client_cert)
        wrapped = base64.b64decode(element.findtext("%s/%s" % (q(XENC, "CipherData"), q(XENC, "CipherValue"))))
        session_key = credentials.client_key.decrypt(wrapped, asym_padding.OAEP(
            mgf=asym_padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None))
        for reference in element.iterfind("%s/%s" % (q(XENC, "ReferenceList"), q(XENC, "DataReference"))):
            keys[reference.get("URI").lstrip("#")] = session_key
    return keys


def _check_addressed_to_us(encrypted_key, client_cert):
    """When the key names its recipient by issuer and serial (the center does), it must be our certificate."""
    path = "%s/%s/%s/%s" % (q(DS, "KeyInfo"), q(WSSE, "SecurityTokenReference"), q(DS, "X509Data"),
                            q(DS, "X509IssuerSerial"))
    issuer_serial = encrypted_key.find(path)
    if issuer_serial is None:
        return  # another reference form: decryption with our key is then the test
    serial = issuer_serial.findtext(q(DS, "X509SerialNumber"), "").strip()
    if serial != str(client_cert.serial_number):
        raise Refused("the answer is encrypted for certificate #%s, not ours" % serial)


def decrypt_all(envelope, keys):
    """Replaces each EncryptedData listed by an EncryptedKey with its plaintext."""
    for data in list(envelope.iter(q(XENC, "EncryptedData"))):
        key = keys.get(data.get("Id"))
        if key is None:
            raise Refused("encrypted data %s is not listed by any EncryptedKey" % data.get("Id"))
        algorithm = data.find(q(XENC, "EncryptionMethod")).get("Algorithm")
        if algorithm != AES256_CBC:
            raise Refused("unexpected data encryption algorithm %s" % algorithm)
        plaintext = aes_cbc_decrypt(key, base64.b64decode(
            data.findtext("%s/%s" % (q(XENC, "CipherData"), q(XENC, "CipherValue")))))
        _replace_with_plaintext(data, plaintext)


def _replace_with_plaintext(data, plaintext):
    """Content or Element: either way the plaintext is a fragment that takes the EncryptedData's place."""
    if data.get("Type") not in (ENC_CONTENT, ENC_ELEMENT):
        raise Refused("unexpected encryption type %s" % data.get("Type"))
    parent = data.getparent()
    wrapper = _parse_in_context(parent, plaintext)
    position = parent.index(data)
    parent.remove(data)
    for offset, child in enumerate(list(wrapper)):
        parent.insert(position + offset, child)


def _parse_in_context(parent, plaintext):
    """Parses the fragment inside a wrapper that declares the namespaces in scope at its place, since
    the fragment may use a prefix declared on an ancestor (e.g. wsu on the Envelope)."""
    declarations = "".join(' xmlns%s="%s"' % (":" + prefix if prefix else "", uri)
                           for prefix, uri in parent.nsmap.items())
    return etree.fromstring(("<wrapper%s>" % declarations).encode("utf-8") + plaintext + b"</wrapper>",
                            parser=etree.XMLParser(resolve_entities=False, no_network=True))


def verify_signature(envelope, security, credentials):
    """Checks the center's signature covers exactly this Body and this Timestamp, with the center's
    key (referenced by issuer and serial), SHA-256 digests, exclusive C14N and RSA-SHA256."""
    signatures = security.findall(q(DS, "Signature"))
    if len(signatures) != 1:
        raise Refused("expected one ds:Signature in the security header, found %d" % len(signatures))
    signature = signatures[0]
    _check_key_reference(signature, credentials.center_cert)

    body = envelope.find(q(SOAP, "Body"))
    timestamp = security.find(q(WSU, "Timestamp"))
    if timestamp is None:
        raise Refused("the answer has no timestamp")
    expected = {"#" + (body.get(q(WSU, "Id")) or ""), "#" + (timestamp.get(q(WSU, "Id")) or "")}
    referenced = {r.get("URI") for r in signature.iterfind("%s/%s" % (q(DS, "SignedInfo"), q(DS, "Reference")))}
    if referenced != expected or "#" in expected:
        raise Refused("the signature references %s, not the Body and Timestamp" % sorted(referenced))
    _check_unique_ids(envelope)

    ctx = xmlsec.SignatureContext()
    # Only the Body and the Timestamp are registered as IDs: no other element can be what a
    # reference points at, which defeats signature wrapping.
    ctx.register_id(body, "Id", WSU)
    ctx.register_id(timestamp, "Id", WSU)
    ctx.enable_signature_transform(xmlsec.constants.TransformExclC14N)
    ctx.enable_signature_transform(xmlsec.constants.TransformRsaSha256)
    ctx.enable_reference_transform(xmlsec.constants.TransformExclC14N)
    ctx.enable_reference_transform(xmlsec.constants.TransformSha256)
    ctx.key = xmlsec.Key.from_memory(credentials.center_cert.public_bytes(serialization.Encoding.PEM),
                                     xmlsec.constants.KeyDataFormatCertPem)
    try:
        ctx.verify(signature)
    except xmlsec.Error as error:
        raise Refused("the center's signature does not verify: %s" % error)
    _check_fresh(timestamp)


def _check_key_reference(signature, center_cert):
    path = "%s/%s/%s/%s" % (q(DS, "KeyInfo"), q(WSSE, "SecurityTokenReference"), q(DS, "X509Data"),
                            q(DS, "X509IssuerSerial"))
    issuer_serial = signature.find(path)
    if issuer_serial is None:
        raise Refused("the signing key is not referenced by issuer and serial")
    name = issuer_serial.findtext(q(DS, "X509IssuerName"), "").strip()
    serial = issuer_serial.findtext(q(DS, "X509SerialNumber"), "").strip()
    if serial != str(center_cert.serial_number) or not same_distinguished_name(name, issuer_name(center_cert)):
        raise Refused("the answer is signed by %s #%s, not by the center" % (name, serial))


def _check_unique_ids(envelope):
    seen = set()
    for element in envelope.iter():
        for attribute in ("Id", q(WSU, "Id")):
            value = element.get(attribute)
            if value is not None:
                if value in seen:
                    raise Refused("duplicate Id %s in the answer" % value)
                seen.add(value)


def _check_fresh(timestamp):
    now = datetime.datetime.now(datetime.timezone.utc)
    created = _parse_time(timestamp.findtext(q(WSU, "Created")))
    expires_text = timestamp.findtext(q(WSU, "Expires"))
    if created is None or created > now + CLOCK_SKEW:
        raise Refused("the answer's timestamp is missing or in the future")
    if expires_text is not None and _parse_time(expires_text) < now - CLOCK_SKEW:
        raise Refused("the answer has expired")


def _parse_time(text):
    if not text:
        return None
    return datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))


def open_answer(response, credentials):
    """Parses, checks for a fault, decrypts and verifies; returns the operation's result element."""
    envelope = etree.fromstring(response, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    if envelope.tag != q(SOAP, "Envelope"):
        raise Refused("the answer is not a SOAP 1.1 envelope but %s" % envelope.tag)
    raise_if_fault(envelope)
    security = security_header(envelope)
    decrypt_all(envelope, unwrap_session_keys(security, credentials))
    raise_if_fault(envelope)  # a fault might also have been sent encrypted
    verify_signature(envelope, security, credentials)
    body = envelope.find(q(SOAP, "Body"))
    if len(body) != 1 or len(body[0]) != 1:
        raise Refused("unexpected body content")
    return body[0][0]  # verifyEligibilityResponse/answer or getVerificationResponse/record


# --- JSON ----------------------------------------------------------------------------------------

REPEATED = {"dependent": "dependents"}
INTEGERS = {"age", "copaymentPercent"}  # xs:int in the XSD; everything else stays a string


def to_json_value(element):
    """Local names as keys, text as values; repeated elements (dependents) become lists."""
    if len(element) == 0:
        text = (element.text or "").strip()
        if etree.QName(element).localname in INTEGERS and text.lstrip("-").isdigit():
            return int(text)
        return text
    result = {}
    for child in element:
        name = etree.QName(child).localname
        if name in REPEATED:
            result.setdefault(REPEATED[name], []).append(to_json_value(child))
        else:
            result[name] = to_json_value(child)
    return result


# --- Command line --------------------------------------------------------------------------------

def parse_arguments(argv):
    # @FILE reads arguments from a UTF-8 file, one per line: a caller whose locale cannot pass 東京 on
    # a command line (a JVM under the POSIX locale, say) can still pass it.
    parser = argparse.ArgumentParser(description="Verify an insurance card at the verification center "
                                                 "over WS-Security (no Java involved).",
                                     fromfile_prefix_chars="@")
    parser.add_argument("--properties", required=True, help="the demo's client.properties")
    parser.add_argument("--operation", choices=sorted(OPERATIONS), default="verifyEligibility")
    parser.add_argument("--insurer", help="保険者番号 (insurer number)")
    parser.add_argument("--symbol", help="記号 (card symbol)")
    parser.add_argument("--number", help="番号 (card number)")
    parser.add_argument("--branch", help="枝番 (two digits)")
    parser.add_argument("--date", help="target date YYYY-MM-DD (default: today in Tokyo, decided by the center)")
    parser.add_argument("--birth-date", help="YYYY-MM-DD, an extra identity check")
    parser.add_argument("--verification-number", help="for --operation getVerification")
    parser.add_argument("--username", help="override the user from the properties")
    parser.add_argument("--password", help="override the password from the properties")
    parser.add_argument("--signature-algorithm", choices=sorted(SIGNATURE_ALGORITHMS), default="rsa-sha256",
                        help=argparse.SUPPRESS)
    parser.add_argument("--dump", help="write the request and response envelopes to this prefix (debugging)")
    args = parser.parse_args(argv)
    if args.operation == "verifyEligibility" and not (args.insurer and args.symbol and args.number):
        parser.error("verifyEligibility needs --insurer, --symbol and --number")
    if args.operation == "getVerification" and not args.verification_number:
        parser.error("getVerification needs --verification-number")
    for name in ("date", "birth_date"):
        value = getattr(args, name)
        if value is not None:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                parser.error("--%s must be YYYY-MM-DD" % name.replace("_", "-"))
    return args


def run(args):
    properties = load_properties(args.properties)
    credentials = Credentials(properties)
    request = secure_request(build_payload(args), credentials, args.username or properties["username"],
                             args.password or properties["password"], args.signature_algorithm)
    response = post(properties["endpoint"], OPERATIONS[args.operation], request)
    if args.dump:
        with open(args.dump + "-request.xml", "wb") as f:
            f.write(request)
        with open(args.dump + "-response.xml", "wb") as f:
            f.write(response)
    return to_json_value(open_answer(response, credentials))


def main(argv=None):
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    try:
        answer = run(args)
    except SoapFault as fault:
        print("faultcode: %s\nfaultstring: %s" % (fault.code, fault.string), file=sys.stderr)
        if fault.detail:
            print("detail: %s" % json.dumps(fault.detail, ensure_ascii=False), file=sys.stderr)
        return 1
    except Refused as refusal:
        print("answer refused: %s" % refusal, file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - a command line tool reports and exits
        print("error: %s: %s" % (type(error).__name__, error), file=sys.stderr)
        return 2
    json.dump(answer, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
