package org.weft.web.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.weft.core.error.MatrixException;

/** Every Matrix error a service or the web layer throws becomes the spec's error response. */
@Provider
public class MatrixExceptionMapper implements ExceptionMapper<MatrixException> {

    @Override
    public Response toResponse(MatrixException e) {
        return ErrorResponses.of(e);
    }
}
