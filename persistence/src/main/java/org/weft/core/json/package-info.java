/**
 * JSON for Weft, without third-party libraries: a strict RFC 8259 parser, a compact writer and
 * the Canonical JSON encoding that Matrix signs and hashes (appendices, "Signing JSON",
 * "Canonical JSON"), plus {@link org.weft.core.json.JsonObject}, a typed view that turns
 * malformed request bodies into the spec's M_NOT_JSON / M_BAD_JSON / M_MISSING_PARAM errors
 * (client-server API, "Standard error response").
 *
 * <p>{@link org.weft.core.json.Json#write} and {@link org.weft.core.json.Json#canonical} accept:
 * {@code Map} (String keys), {@code Iterable}, {@code Object[]}, {@code String} and other
 * {@code CharSequence}s, {@code Long}/{@code Integer}/{@code Short}/{@code Byte}/
 * {@code BigInteger}/{@code BigDecimal}/{@code Double}/{@code Float}, {@code Boolean},
 * {@code null}, {@code Optional} (empty is null), enums (written as {@code name()}),
 * {@link org.weft.core.json.JsonObject}, and records. A record is an object whose keys are its
 * component names in snake_case ({@code expiresInMs} -> {@code expires_in_ms}, following the
 * spec's naming convention, appendices "Conventions for Matrix APIs"); components that are null
 * or an empty Optional are omitted. Keys that are not snake_case of a Java name (such as
 * {@code m.homeserver}) need a Map.
 */
package org.weft.core.json;
