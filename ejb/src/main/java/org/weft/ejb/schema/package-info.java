/** Versioned schema migrations, applied when Weft deploys (see docs/adr/0002). */
package org.weft.ejb.schema;
