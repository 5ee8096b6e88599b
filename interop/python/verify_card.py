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

For security tests the client can also send deliberately wrong messages; each option breaks exactly one
thing in an otherwise correct request (none given: the correct request, unchanged):

    --no-username-token       no UsernameToken (signature over Timestamp and Body only)
    --timestamp-offset S      Created and Expires shifted by S seconds (-600: stale; Expires stays after Created)
    --no-sign-body            body encrypted but not signed
    --no-encrypt-body         body signed but sent in clear
    --tamper-body             the card number changed after signing, before encryption (digest mismatch)
    --doctype xxe|billion-laughs
                              a DTD before the envelope (external entity file:///etc/hostname, or an
                              entity-expansion bomb) referenced from an extra, unsigned header element
    --pad-bytes N             a comment of N bytes inside the body content, signed and encrypted
    --pad-elements N          N empty elements inside the body content, signed and encrypted
    --pad-depth N             elements nested N deep inside the body content, signed and encrypted
    --raw-size N              the whole request grown to N bytes (a comment in the SOAP header)
    --send-raw FILE           POST this exact file again (a --dump PREFIX-request.xml: a replay)
    --endpoint URL            another endpoint than the properties' (e.g. a second center node)

The HTTP status is printed on stderr as "http-status: N"; --dump PREFIX writes the request before
sending and the response body whatever its status.
"""

import argparse
import base64
import dataclasses
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


def add_timestamp(security, offset_seconds=0):
    now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=offset_seconds)
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


def secure_request(payload, credentials, username, password, signature_algorithm, attack=None):
    attack = attack or Attack()
    add_padding(payload, attack)
    envelope, security, body = build_envelope(payload)
    timestamp = add_timestamp(security, attack.timestamp_offset)
    bst = add_binary_security_token(security, credentials.client_cert)
    username_token = None if attack.no_username_token else add_username_token(security, username, password)
    # Sign first (over the plaintext), then encrypt: the policy's default SignBeforeEncrypting.
    signed = [timestamp] + ([username_token] if username_token is not None else [])
    signed += [] if attack.no_sign_body else [body]
    signature = sign(security, signed, bst, credentials, signature_algorithm)
    if attack.tamper_body:
        tamper(body)
    session_key = os.urandom(32)
    encrypted = []
    if username_token is not None:
        encrypted.append(encrypt_element(username_token, session_key))
    if not attack.no_encrypt_body:
        encrypted.append(encrypt_content(body, session_key))
    # The EncryptedKey goes before the EncryptedData it lists, so a receiver reading the header top
    # down holds the key before it meets the encrypted token, and the token is decrypted before the
    # Signature that references it: Timestamp, BST, EncryptedKey, EncryptedData(UT), Signature.
    if encrypted:
        first_in_header = encrypted[0] if encrypted[0].getparent() is security else signature
        security.insert(security.index(first_in_header),
                        encrypted_key(session_key, credentials.center_cert, encrypted))
    assert security.index(signature) == len(security) - 1
    message = etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
    if attack.doctype:
        message = with_doctype(message, attack.doctype)
    if attack.raw_size:
        message = padded_to(message, attack.raw_size)
    return message


# --- Attacks: deliberately wrong requests, for the center's security tests -----------------------

@dataclasses.dataclass(frozen=True)
class Attack:
    """What to break in an otherwise correct request (all off: the correct request)."""
    no_username_token: bool = False  # no wsse:UsernameToken at all
    timestamp_offset: int = 0        # seconds to shift Created and Expires by (-600: a stale message)
    no_encrypt_body: bool = False    # body signed but sent in clear
    no_sign_body: bool = False       # body encrypted but not signed
    tamper_body: bool = False        # body changed after signing, before encryption: digest mismatch
    doctype: str = None              # "xxe" or "billion-laughs": a DTD before the envelope
    pad_bytes: int = 0               # a comment of this many bytes inside the (encrypted) body content
    pad_elements: int = 0            # this many empty elements inside the (encrypted) body content
    pad_depth: int = 0               # elements nested this deep inside the (encrypted) body content
    raw_size: int = 0                # the whole POST padded (a comment in the header) to this many bytes


ATTACK_NS = "urn:x-verify-card-attack"

DOCTYPES = {
    # An external entity: a server that resolves it would read its own /etc/hostname.
    "xxe": ('<!DOCTYPE soap:Envelope [\n  <!ENTITY xxe SYSTEM "file:///etc/hostname">\n]>\n', "&xxe;"),
    # "Billion laughs": ten levels of ten references, 10^9 copies of "lol" once expanded.
    "billion-laughs": ("<!DOCTYPE soap:Envelope [\n  <!ENTITY lol0 \"lol\">\n" + "".join(
        '  <!ENTITY lol%d "%s">\n' % (level, ("&lol%d;" % (level - 1)) * 10) for level in range(1, 10))
        + "]>\n", "&lol9;"),
}


def add_padding(payload, attack):
    """Inflates the body content before it is signed and encrypted (the signature stays valid)."""
    if attack.pad_bytes:
        comment = etree.Comment(" " * max(attack.pad_bytes - 7, 1))  # "<!--" + text + "-->"
        payload.append(comment)
    # Unqualified names: a namespace of their own would be declared again on every element.
    for _ in range(attack.pad_elements):
        etree.SubElement(payload, "pad")
    parent = payload
    for _ in range(attack.pad_depth):
        parent = etree.SubElement(parent, "deep")


def tamper(body):
    """Changes one value in the body: the card number (001 becomes 002, another real card), or else the
    first text found."""
    leaves = [e for e in body.iter() if len(e) == 0 and (e.text or "").strip()]
    numbers = [e for e in leaves if etree.QName(e).localname == "number"]
    if not leaves:
        raise ValueError("nothing in the body to tamper with")
    element = (numbers or leaves)[0]
    text = element.text.strip()
    element.text = text[:-1] + ("2" if text[-1] == "1" else "1")


def with_doctype(message, kind):
    """Puts a DTD before the envelope and a reference to its entity into an extra, unsigned header
    element; the rest of the message (signed and encrypted) stays correct."""
    declaration, reference = DOCTYPES[kind]
    head, sep, rest = message.partition(b"?>")
    if not sep:
        raise ValueError("the message has no XML declaration")
    rest = rest.lstrip()
    probe = ('<probe xmlns="%s">%s</probe>' % (ATTACK_NS, reference)).encode("ascii")
    if b"<soap:Header>" not in rest:
        raise ValueError("the message has no soap:Header")
    rest = rest.replace(b"<soap:Header>", b"<soap:Header>" + probe, 1)
    return head + sep + b"\n" + declaration.encode("ascii") + rest


def padded_to(message, size):
    """The message grown to exactly size bytes by a comment in the (unsigned) SOAP header."""
    filler = size - len(message) - len(b"<!---->")
    if filler < 0:
        raise ValueError("--raw-size %d is smaller than the message (%d bytes)" % (size, len(message)))
    return message.replace(b"<soap:Header>", b"<soap:Header><!--" + b"x" * filler + b"-->", 1)


# --- Sending -------------------------------------------------------------------------------------

def post(endpoint, soap_action, message):
    """Returns (HTTP status, body), whatever the status."""
    request = urllib.request.Request(endpoint, data=message, method="POST", headers={
        "Content-Type": "text/xml; charset=UTF-8", "SOAPAction": '"%s"' % soap_action})
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_SECONDS) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def check_status(endpoint, status, body):
    """SOAP 1.1 over HTTP carries answers with 200 and faults with 500; the body is the envelope."""
    if status == 200 or (status == 500 and b"Envelope" in body[:1000]):
        return
    raise RuntimeError("HTTP %d from %s, not a SOAP answer: %s"
                       % (status, endpoint, body[:300].decode("utf-8", "replace")))


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
    parser.add_argument("--endpoint", help="override the endpoint from the properties")
    attacks = parser.add_argument_group("attacks", "deliberately wrong requests, for security tests; each "
                                                   "breaks one thing in an otherwise correct request")
    attacks.add_argument("--no-username-token", action="store_true", help="send no UsernameToken")
    attacks.add_argument("--timestamp-offset", type=int, default=0, metavar="SECONDS",
                         help="shift the timestamp's Created and Expires (-600: a stale message)")
    attacks.add_argument("--no-encrypt-body", action="store_true", help="sign the body but send it in clear")
    attacks.add_argument("--no-sign-body", action="store_true", help="encrypt the body but do not sign it")
    attacks.add_argument("--tamper-body", action="store_true",
                         help="change a value in the body after signing (the digest no longer matches)")
    attacks.add_argument("--doctype", choices=sorted(DOCTYPES),
                         help="put a DTD before the envelope: an external entity (file:///etc/hostname) or "
                              "an entity-expansion bomb, referenced from an extra header element")
    attacks.add_argument("--pad-bytes", type=int, default=0, metavar="N",
                         help="add a comment of N bytes inside the body content, before signing and encryption")
    attacks.add_argument("--pad-elements", type=int, default=0, metavar="N",
                         help="add N empty elements inside the body content, before signing and encryption")
    attacks.add_argument("--pad-depth", type=int, default=0, metavar="N",
                         help="add elements nested N deep inside the body content, before signing and encryption")
    attacks.add_argument("--raw-size", type=int, default=0, metavar="N",
                         help="grow the whole request to N bytes (a comment in the SOAP header)")
    attacks.add_argument("--send-raw", metavar="FILE",
                         help="POST this exact request file (e.g. a --dump PREFIX-request.xml, to replay it)")
    args = parser.parse_args(argv)
    if args.send_raw is None:
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


def attack_of(args):
    return Attack(no_username_token=args.no_username_token, timestamp_offset=args.timestamp_offset,
                  no_encrypt_body=args.no_encrypt_body, no_sign_body=args.no_sign_body,
                  tamper_body=args.tamper_body, doctype=args.doctype, pad_bytes=args.pad_bytes,
                  pad_elements=args.pad_elements, pad_depth=args.pad_depth, raw_size=args.raw_size)


def run(args):
    properties = load_properties(args.properties)
    credentials = Credentials(properties)
    if args.send_raw:
        with open(args.send_raw, "rb") as f:
            request = f.read()
    else:
        request = secure_request(build_payload(args), credentials, args.username or properties["username"],
                                 args.password or properties["password"], args.signature_algorithm,
                                 attack_of(args))
    if args.dump:
        with open(args.dump + "-request.xml", "wb") as f:
            f.write(request)
    endpoint = args.endpoint or properties["endpoint"]
    status, response = post(endpoint, OPERATIONS[args.operation], request)
    print("http-status: %d" % status, file=sys.stderr)
    if args.dump:
        with open(args.dump + "-response.xml", "wb") as f:
            f.write(response)
    check_status(endpoint, status, response)
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
