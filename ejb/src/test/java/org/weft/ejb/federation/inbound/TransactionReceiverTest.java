package org.weft.ejb.federation.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.json.Json;

/**
 * What {@link TransactionReceiver} decides around the PDU checks (which have their own fixtures and
 * ITs): which PDUs share a database transaction, where the answer is recorded, and when it is not.
 */
class TransactionReceiverTest {

    private static final ServerName ORIGIN = ServerName.parse("remote.example");

    private final RecordingIntake intake = new RecordingIntake();
    private final RecordingTransactions transactions = new RecordingTransactions();
    private final RecordingEdus edus = new RecordingEdus();
    private final TransactionReceiver receiver = new TransactionReceiver();

    @BeforeEach
    void wire() {
        receiver.intake = intake;
        receiver.transactions = transactions;
        receiver.eduIntake = edus;
    }

    @Test
    void oneRoomsPdusWithoutEdusAreRecordedInTheirOwnDatabaseTransaction() {
        Map<String, Object> answer = receiver.receive(ORIGIN, "t1", transaction(List.of(pdu("!a", "$1"), pdu("!a", "$2")), null));

        assertEquals(List.of("!a [$1, $2] record t1"), intake.calls);
        assertEquals(Map.of(), transactions.recorded, "nothing recorded apart");
        assertEquals(Map.of("pdus", Map.of("$1", Map.of(), "$2", Map.of())), answer);
    }

    @Test
    void severalRoomsOrEdusAreRecordedOnceEverythingIsDone() {
        receiver.receive(ORIGIN, "t2", transaction(List.of(pdu("!a", "$1"), pdu("!b", "$2"), pdu("!a", "$3")), null));
        receiver.receive(ORIGIN, "t3", transaction(List.of(pdu("!a", "$4")), List.of(Map.of("edu_type", "m.typing"))));

        assertEquals(List.of("!a [$1, $3] record null", "!b [$2] record null", "!a [$4] record null"), intake.calls,
                "each room's PDUs together, in the transaction's order");
        assertEquals(1, edus.received, "the EDUs after the PDUs");
        assertEquals(Map.of("$1", Map.of(), "$2", Map.of(), "$3", Map.of()), pdusOf(transactions.recorded.get("t2")));
        assertEquals(Map.of("$4", Map.of()), pdusOf(transactions.recorded.get("t3")));
    }

    @Test
    void aTransactionWithOnlyEdusIsRecordedToo() {
        receiver.receive(ORIGIN, "t4", transaction(List.of(), List.of(Map.of("edu_type", "m.presence"))));

        assertEquals(List.of(), intake.calls);
        assertEquals(Map.of(), pdusOf(transactions.recorded.get("t4")));
    }

    @Test
    void aFailureOfOursHasTheRoomReceivedOneByOneAndTheAnswerNotRecorded() {
        intake.failTogether = true;
        intake.failAlone = "$2";
        Map<String, Object> answer = receiver.receive(ORIGIN, "t5", transaction(List.of(pdu("!a", "$1"), pdu("!a", "$2")), null));

        assertEquals(List.of("!a [$1, $2] record t5", "alone $1", "alone $2"), intake.calls);
        assertEquals(Map.of(), transactions.recorded, "the retry is to be processed again");
        Map<?, ?> results = (Map<?, ?>) answer.get("pdus");
        assertEquals(Map.of(), results.get("$1"));
        assertTrue(((Map<?, ?>) results.get("$2")).containsKey("error"), "answered: " + results);
    }

    @Test
    void aSeenTransactionIdGetsItsAnswerAgainWithoutReadingTheBody() {
        transactions.recorded.put("t6", "{\"pdus\":{\"$0\":{}}}");

        assertEquals(Map.of("pdus", Map.of("$0", Map.of())), receiver.receive(ORIGIN, "t6", "not even a transaction"));
        assertEquals(List.of(), intake.calls);
    }

    @Test
    void aBodyThatIsNoTransactionOrTooBigIsRefused() {
        assertEquals(ErrCode.M_BAD_JSON, assertThrows(MatrixException.class,
                () -> receiver.receive(ORIGIN, "t7", Map.of("pdus", "no list"))).errcode());
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i <= TransactionReceiver.MAX_PDUS; i++) {
            tooMany.add(pdu("!a", "$" + i));
        }
        assertEquals(ErrCode.M_BAD_JSON, assertThrows(MatrixException.class,
                () -> receiver.receive(ORIGIN, "t8", transaction(tooMany, null))).errcode());
        assertEquals(List.of(), intake.calls);
    }

    private static Map<String, Object> transaction(List<?> pdus, List<?> edus) {
        Map<String, Object> transaction = new HashMap<>(Map.of("origin", ORIGIN.toString(), "pdus", pdus));
        if (edus != null) {
            transaction.put("edus", edus);
        }
        return transaction;
    }

    private static Map<String, Object> pdu(String roomId, String eventId) {
        return Map.of("room_id", roomId, "event_id", eventId);
    }

    private static Object pdusOf(String answer) {
        return ((Map<?, ?>) Json.parse(answer)).get("pdus");
    }

    /** Stores every PDU it is given; can fail a room's PDUs together, and one PDU alone. */
    private static final class RecordingIntake extends PduIntake {
        final List<String> calls = new ArrayList<>();
        boolean failTogether;
        String failAlone;

        @Override
        public List<Outcome> receiveAll(ServerName origin, List<Map<String, Object>> jsons, String txnId) {
            calls.add(jsons.get(0).get("room_id") + " " + jsons.stream().map(p -> p.get("event_id")).toList() + " record " + txnId);
            if (failTogether) {
                throw new EJBException("the database went away");
            }
            return jsons.stream().map(p -> new Outcome((String) p.get("event_id"), null)).toList();
        }

        @Override
        public Outcome receive(ServerName origin, Map<String, Object> json) {
            calls.add("alone " + json.get("event_id"));
            if (json.get("event_id").equals(failAlone)) {
                throw new EJBException("still away");
            }
            return new Outcome((String) json.get("event_id"), null);
        }
    }

    /** The record of answers, in memory. */
    private static final class RecordingTransactions extends InboundTransactions {
        final Map<String, String> recorded = new HashMap<>();

        @Override
        public String answer(String origin, String txnId) {
            return recorded.get(txnId);
        }

        @Override
        public void record(String origin, String txnId, String answer) {
            recorded.putIfAbsent(txnId, answer);
        }
    }

    /** Counts the EDU batches handed over. */
    private static final class RecordingEdus extends EduIntake {
        int received;

        @Override
        public void receiveAll(ServerName origin, List<?> list) {
            received++;
        }
    }
}
