package org.weft.core.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 401 answer of user-interactive authentication (client-server API, "User-interactive API in
 * the REST API"): the flows, their params, the session, the stages completed so far and, only
 * when a stage attempt failed, the standard {@code errcode}/{@code error} of that failure.
 */
public final class InteractiveAuthRequired extends MatrixException {

    private static final long serialVersionUID = 1L;

    private final transient List<List<String>> flows;
    private final transient Map<String, Object> params;
    private final String session;
    private final transient List<String> completed;
    private final ErrCode stageError;

    /**
     * @param stageError the code of a failed stage attempt, or null when the client simply has
     *                   stages left to complete (the body then carries no errcode)
     */
    public InteractiveAuthRequired(List<List<String>> flows, Map<String, Object> params,
                                   String session, List<String> completed, ErrCode stageError,
                                   String message) {
        super(stageError == null ? ErrCode.M_UNAUTHORIZED : stageError, 401,
                message == null ? "Additional authentication required" : message, Map.of());
        this.flows = List.copyOf(flows);
        this.params = Map.copyOf(params);
        this.session = session;
        this.completed = List.copyOf(completed);
        this.stageError = stageError;
    }

    public String session() {
        return session;
    }

    public List<String> completed() {
        return completed;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (stageError != null) {
            body.put("errcode", stageError.name());
            body.put("error", getMessage());
        }
        if (!completed.isEmpty()) {
            body.put("completed", completed);
        }
        body.put("flows", flows.stream().map(stages -> Map.of("stages", stages)).toList());
        body.put("params", params);
        body.put("session", session);
        return body;
    }
}
