package org.weft.core.error;

/**
 * Every error code the client-server API defines, each with the HTTP status it is normally sent
 * with (client-server API, "API standards" / "Standard error response", "Common error codes",
 * "Other error codes"). A few codes are answered with more than one status (M_UNRECOGNIZED is 404
 * for an unknown endpoint and 405 for a wrong method); {@link MatrixException} can override it.
 */
public enum ErrCode {
    M_BAD_JSON(400),
    M_FORBIDDEN(403),
    M_LIMIT_EXCEEDED(429),
    M_MISSING_TOKEN(401),
    M_NOT_FOUND(404),
    M_NOT_JSON(400),
    M_RESOURCE_LIMIT_EXCEEDED(403),
    M_UNKNOWN(500),
    M_UNKNOWN_DEVICE(403),
    M_UNKNOWN_TOKEN(401),
    M_UNRECOGNIZED(404),
    M_USER_LIMIT_EXCEEDED(403),
    M_USER_LOCKED(401),
    M_USER_SUSPENDED(403),
    M_BAD_STATE(400),
    M_CANNOT_LEAVE_SERVER_NOTICE_ROOM(403),
    M_CAPTCHA_INVALID(400),
    M_CAPTCHA_NEEDED(401),
    M_EXCLUSIVE(400),
    M_GUEST_ACCESS_FORBIDDEN(403),
    M_INCOMPATIBLE_ROOM_VERSION(400),
    M_INVALID_PARAM(400),
    M_INVALID_ROOM_STATE(400),
    M_INVALID_USERNAME(400),
    M_MISSING_PARAM(400),
    M_ROOM_IN_USE(400),
    M_SERVER_NOT_TRUSTED(403),
    M_THREEPID_AUTH_FAILED(403),
    M_THREEPID_DENIED(403),
    M_THREEPID_IN_USE(400),
    M_THREEPID_MEDIUM_NOT_SUPPORTED(400),
    M_THREEPID_NOT_FOUND(400),
    M_TOO_LARGE(413),
    M_UNAUTHORIZED(401),
    M_UNSUPPORTED_ROOM_VERSION(400),
    M_USER_DEACTIVATED(403),
    M_USER_IN_USE(400),
    /** Password rejected by the server's policy (client-server API, "Password management"). */
    M_WEAK_PASSWORD(400),
    /** An m.room.canonical_alias names an alias that does not point to the room (PUT state). */
    M_BAD_ALIAS(400),
    /** Keys were sent to a key backup version that is not the current one ("Server-side key backups"). */
    M_WRONG_ROOM_KEYS_VERSION(403),
    /** Media created by POST /media/v1/create whose bytes have not arrived yet ("Content repository"). */
    M_NOT_YET_UPLOADED(504),
    /** An upload to a media ID that already has its bytes. */
    M_CANNOT_OVERWRITE_MEDIA(409);

    private final int httpStatus;

    ErrCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status this code is sent with unless the endpoint says otherwise. */
    public int httpStatus() {
        return httpStatus;
    }
}
