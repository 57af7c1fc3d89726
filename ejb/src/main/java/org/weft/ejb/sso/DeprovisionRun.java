package org.weft.ejb.sso;

/**
 * What one deprovisioning run did.
 *
 * @param checked directory users looked up
 * @param changed accounts locked, unlocked or deactivated
 * @param skipped why the run changed nothing, or null when it ran
 */
public record DeprovisionRun(int checked, int changed, String skipped) {
}
