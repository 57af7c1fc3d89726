package org.weft.web.json;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.config.WeftSettings;

/**
 * Reads request bodies into {@link JsonObject} with Weft's strict parser, whatever Content-Type
 * the client sent (clients and tools often omit it). Not JSON: 400 M_NOT_JSON; JSON but not an
 * object: 400 M_BAD_JSON; larger than {@code weft.limits.max_json_body_bytes}: 413 M_TOO_LARGE.
 */
@Provider
@Consumes({MediaType.WILDCARD})
public class JsonBodyReader implements MessageBodyReader<JsonObject> {

    @Inject
    WeftSettings settings;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations,
                               MediaType mediaType, MultivaluedMap<String, String> headers,
                               InputStream body) throws IOException {
        int limit = settings.maxJsonBodyBytes();
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw MatrixException.tooLarge("Request body is larger than " + limit + " bytes");
        }
        if (bytes.length == 0 && isOptional(annotations)) {
            return JsonObject.of(Map.of());
        }
        return JsonObject.parseBody(bytes);
    }

    private static boolean isOptional(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType() == OptionalBody.class) {
                return true;
            }
        }
        return false;
    }
}
