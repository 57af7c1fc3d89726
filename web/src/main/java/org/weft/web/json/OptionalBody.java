package org.weft.web.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code JsonObject} parameter: an empty request body reads as {@code {}} instead of
 * M_NOT_JSON, for endpoints such as DELETE /devices/{deviceId} whose body is optional.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OptionalBody {
}
