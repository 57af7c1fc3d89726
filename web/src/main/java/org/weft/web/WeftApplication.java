package org.weft.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application at the root of the server, so that every path a Matrix client or server
 * asks for ({@code /_matrix/...}, {@code /.well-known/matrix/...}, {@code /_synapse/admin/...})
 * and every unknown one reaches Weft and gets a Matrix answer.
 */
@ApplicationPath("/")
public class WeftApplication extends Application {
}
