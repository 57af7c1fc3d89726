/**
 * The one error model: {@link org.weft.core.error.ErrCode} (every spec error code with its HTTP
 * status) and {@link org.weft.core.error.MatrixException} (client-server API, "API standards",
 * "Standard error response", "Rate limiting").
 */
package org.weft.core.error;
