/**
 * Signing and hashing (appendices, "Unpadded Base64", "Signing JSON", "Cryptographic Test
 * Vectors"; server-server API, "Signing Events"): the server's ed25519
 * {@link org.weft.core.crypto.SigningKey}, {@link org.weft.core.crypto.JsonSigning} for any
 * signed JSON object, {@link org.weft.core.crypto.EventHashes} for content and reference hashes,
 * and {@link org.weft.core.crypto.EventSigner}, the pipeline that turns a locally built event into
 * a hashed, signed {@link org.weft.core.event.Pdu}. Pure Java: only the JDK's Ed25519 and
 * SHA-256. Inputs are never modified; every operation returns a new map.
 */
package org.weft.core.crypto;
