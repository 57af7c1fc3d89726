package org.weft.web.json;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import org.weft.core.json.Json;
import org.weft.core.json.JsonObject;

/**
 * Writes response bodies with Weft's own JSON writer: maps, lists and records (record components
 * become snake_case keys, null ones are left out), so responses look exactly as the spec shows
 * and the container's JSON-B never reinterprets them.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class JsonBodyWriter implements MessageBodyWriter<Object> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)
                || type.isRecord() || type == JsonObject.class;
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers,
                        OutputStream out) throws IOException {
        Object body = value instanceof JsonObject json ? json.map() : value;
        headers.putSingle("Content-Type", "application/json");
        out.write(Json.writeBytes(body));
    }
}
