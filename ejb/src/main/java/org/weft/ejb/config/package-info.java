/**
 * Weft's settings: WildFly system properties {@code weft.*}, defined with defaults by the
 * standalone-config script and documented in the README.
 */
package org.weft.ejb.config;
