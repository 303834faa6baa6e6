"""Open Badges 3.0 credentials of certificates, signed with the instance's Ed25519 key.

One OpenBadgeCredential per certified competence: its achievement is the
competence at the certified level, aligned to the CRCN competence. The proof
is a W3C Data Integrity proof with the ``eddsa-jcs-2022`` cryptosuite
(JSON canonicalisation, then Ed25519 over SHA-256 hashes, from the
``cryptography`` library); the issuer and verification method are the
``did:key`` of the instance's public key, so any verifier can check the
signature without asking this site.

The private key lives in ``settings.OPEN_BADGES_KEY_PATH`` (PEM, PKCS#8),
generated on first use when missing.
"""

import base64
import datetime
import hashlib
import json
import os
import secrets
import threading
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CRYPTOSUITE = "eddsa-jcs-2022"
CRCN_URL = (
    "https://eduscol.education.fr/721/cadre-de-reference-des-competences-numeriques"
)
_ED25519_MULTICODEC = b"\xed\x01"
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_lock = threading.Lock()


def base58btc(data: bytes) -> str:
    """Return the Bitcoin base58 text of bytes (leading zero bytes as '1')."""
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, rest = divmod(number, 58)
        text = _BASE58[rest] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def base58btc_decode(text: str) -> bytes:
    number = 0
    for char in text:
        number = number * 58 + _BASE58.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def canonical(value) -> bytes:
    """Return JSON canonicalised as RFC 8785 does for our values (no floats)."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


def instance_key() -> Ed25519PrivateKey:
    """Return the instance's private key, creating its file on first use."""
    path = settings.OPEN_BADGES_KEY_PATH
    with _lock:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            pem = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as file:
                file.write(pem)
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise TypeError(f"{path} does not hold an Ed25519 private key")
    return key


def did_key(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return "did:key:z" + base58btc(_ED25519_MULTICODEC + raw)


def public_key_of(did: str) -> Ed25519PublicKey:
    """Return the Ed25519 key a ``did:key`` holds; ValueError when it holds none."""
    if not did.startswith("did:key:z"):
        raise ValueError("not a did:key")
    data = base58btc_decode(did.removeprefix("did:key:z").split("#")[0])
    if not data.startswith(_ED25519_MULTICODEC) or len(data) != 34:
        raise ValueError("not an Ed25519 did:key")
    return Ed25519PublicKey.from_public_bytes(data[2:])


def instance_did() -> str:
    return did_key(instance_key().public_key())


def _hash_data(document: dict, proof_options: dict) -> bytes:
    config = {**proof_options, "@context": document["@context"]}
    return (
        hashlib.sha256(canonical(config)).digest()
        + hashlib.sha256(canonical(document)).digest()
    )


def sign(document: dict, *, created: datetime.datetime) -> dict:
    """Return the document with an eddsa-jcs-2022 Data Integrity proof."""
    did = instance_did()
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": _iso(created),
        "verificationMethod": f"{did}#{did.removeprefix('did:key:')}",
        "proofPurpose": "assertionMethod",
    }
    signature = instance_key().sign(_hash_data(document, options))
    proof = {
        **options,
        "@context": document["@context"],
        "proofValue": "z" + base58btc(signature),
    }
    return {**document, "proof": proof}


@dataclass(frozen=True)
class Verification:
    valid: bool
    reason: str
    issued_here: bool = False
    credential_id: str = ""


def verify(document) -> Verification:
    """Check a credential's proof; say why when it does not hold."""
    if not isinstance(document, dict) or not isinstance(document.get("proof"), dict):
        return Verification(False, "no proof")
    proof = dict(document["proof"])
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    if "OpenBadgeCredential" not in (unsecured.get("type") or []):
        return Verification(False, "not an OpenBadgeCredential")
    if (
        proof.get("type") != "DataIntegrityProof"
        or proof.get("cryptosuite") != CRYPTOSUITE
    ):
        return Verification(False, "unsupported proof")
    value = proof.pop("proofValue", "")
    proof.pop("@context", None)
    method = str(proof.get("verificationMethod", ""))
    try:
        if not isinstance(value, str) or not value.startswith("z"):
            raise ValueError("proofValue is not base58btc")
        key = public_key_of(method)
        signature = base58btc_decode(value.removeprefix("z"))
        key.verify(signature, _hash_data(unsecured, proof))
    except (ValueError, TypeError, KeyError, InvalidSignature):
        return Verification(False, "invalid signature")
    issuer = unsecured.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if not method.startswith(f"{issuer_id}#"):
        return Verification(False, "signed by another key than the issuer's")
    return Verification(
        True,
        "valid",
        issued_here=issuer_id == instance_did(),
        credential_id=str(unsecured.get("id", "")),
    )


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential(result, item: dict, *, base_url: str, verification_url: str) -> dict:
    """Return the unsigned credential of one certified competence of a certificate."""
    candidate = result.test.candidate
    code = result.verification_code
    title = f"{item['competence']} {item['title']}".strip()
    name = f"{title} — niveau {item['level']}"
    salt = base64.urlsafe_b64encode(
        hashlib.sha256(f"{code}:{secrets.token_hex(8)}".encode()).digest()[:12]
    ).decode()
    identity = (candidate.email or candidate.full_name).strip().lower()
    return {
        "@context": CONTEXTS,
        "id": f"{verification_url}#competence-{item['competence']}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": instance_did(),
            "type": ["Profile"],
            "name": settings.OPEN_BADGES_ISSUER_NAME,
            "url": base_url,
        },
        "validFrom": _iso(result.published_at),
        "name": name,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": ["IdentityObject"],
                    "identityHash": "sha256$"
                    + hashlib.sha256((identity + salt).encode()).hexdigest(),
                    "identityType": "emailAddress" if candidate.email else "name",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": f"urn:crcn:{item['competence']}:niveau:{item['level']}",
                "type": ["Achievement"],
                "achievementType": "Competency",
                "name": name,
                "description": (
                    f"Compétence {title} du Cadre de référence des compétences "
                    f"numériques, certifiée au niveau {item['level']} sur 8."
                ),
                "criteria": {
                    "narrative": (
                        "Certifiée lors d'une session surveillée dans un centre "
                        "de certification : épreuves tirées des acquis validés "
                        "du profil, résultats examinés par le jury."
                    )
                },
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": title,
                        "targetCode": item["competence"],
                        "targetFramework": (
                            "CRCN — Cadre de référence des compétences numériques"
                        ),
                        "targetType": "ceasn:Competency",
                        "targetUrl": CRCN_URL,
                    }
                ],
            },
            "result": [{"type": ["Result"], "value": str(item["level"])}],
        },
        "evidence": [
            {
                "type": ["Evidence"],
                "id": verification_url,
                "name": f"Certificat {code}",
            }
        ],
    }


def signed_credential(result, item, *, base_url, verification_url) -> dict:
    document = credential(
        result, item, base_url=base_url, verification_url=verification_url
    )
    return sign(document, created=result.published_at)
