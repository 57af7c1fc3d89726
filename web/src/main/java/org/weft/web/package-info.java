/** The JAX-RS application of Weft (client-server API, "API standards"). */
package org.weft.web;
