/** Work tied to the end of the current JTA transaction (cache evictions, after-commit kicks). */
package org.weft.ejb.tx;
