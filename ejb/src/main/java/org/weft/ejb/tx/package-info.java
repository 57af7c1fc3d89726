/**
 * Work tied to the end of transactions: cache evictions, after-commit kicks, and, on the embedded H2
 * (the single-node default), group commit and compaction of its file (ADR 0012). On PostgreSQL, the
 * production database, commits are durable by themselves and group commit stands aside.
 */
package org.weft.ejb.tx;
