/** Work tied to the end of transactions: cache evictions, after-commit kicks, and group commit (answers wait until durable). */
package org.weft.ejb.tx;
