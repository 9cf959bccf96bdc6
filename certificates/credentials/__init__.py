"""Signed Open Badges 3.0 credentials of issued certificates.

- loader: the JSON-LD contexts that signing may use, all shipped with the project;
- proof: eddsa-rdfc-2022 Data Integrity proofs, for any document and any Ed25519 key;
- keys: Ed25519 keys as Multikey and did:key, and their encryption at rest;
- did: the organisations' did:web identifiers and DID documents;
- build: the OpenBadgeCredential of a certificate, made from its frozen snapshot;
- status: the organisations' Bitstring Status Lists, through which credentials are revoked.
"""
