/**
 * State resolution (rooms/v1 "State resolution"; rooms/v2 and v3-v11 "State resolution", the
 * version 2 algorithm; rooms/v12 "State resolution", version 2.1): the room state before an event
 * whose {@code prev_events} lead to different states. One class per step of the algorithm as the
 * spec writes it: {@link org.weft.core.state.StateConflicts} (unconflicted state map and conflicted
 * state set), {@link org.weft.core.state.AuthChains} (auth chains and the auth difference),
 * {@link org.weft.core.state.ConflictedSubgraph} (v2.1), {@link org.weft.core.state.PowerEvents},
 * {@link org.weft.core.state.ReverseTopologicalPowerOrdering},
 * {@link org.weft.core.state.MainlineOrdering}, {@link org.weft.core.state.IterativeAuthChecks}; the
 * algorithms themselves in {@link org.weft.core.state.StateResolutionV1} and
 * {@link org.weft.core.state.StateResolutionV2}, chosen by {@link org.weft.core.state.StateResolver}.
 *
 * <p>Pure Java: events come from an {@link org.weft.core.state.EventLookup} the caller fills (from
 * the database, or from a federation response being checked), so the same code resolves state on
 * receipt of a PDU and in the table-driven fixtures of the tests.
 */
package org.weft.core.state;
