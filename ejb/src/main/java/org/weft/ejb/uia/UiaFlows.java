package org.weft.ejb.uia;

import java.util.List;

/**
 * The flows an endpoint offers and who the session must belong to (client-server API,
 * "User-interactive authentication API").
 *
 * @param endpoint what is being authorised; a session started for one endpoint cannot authorise another
 * @param flows    each flow is its stages in order
 * @param userId   the user whose password the m.login.password stage checks; null for registration
 */
public record UiaFlows(String endpoint, List<List<String>> flows, String userId) {

    public static final String DUMMY = "m.login.dummy";
    public static final String PASSWORD = "m.login.password";
    public static final String REGISTRATION_TOKEN = "m.login.registration_token";
    public static final String SSO = "m.login.sso";

    /** True if some flow has completed exactly the given stages as its prefix and {@code stage} next. */
    boolean allowsNext(List<String> completed, String stage) {
        return flows.stream().anyMatch(flow -> flow.size() > completed.size()
                && flow.subList(0, completed.size()).equals(completed)
                && flow.get(completed.size()).equals(stage));
    }

    /** True if the completed stages finish one of the flows. */
    boolean isComplete(List<String> completed) {
        return flows.stream().anyMatch(flow -> flow.equals(completed));
    }
}
