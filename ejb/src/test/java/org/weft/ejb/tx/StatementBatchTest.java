package org.weft.ejb.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementBatchTest {

    @Test
    void combinedJoinsStatementsAndKeepsParametersInOrder() {
        StatementBatch batch = new StatementBatch()
                .add("INSERT INTO a (x, y) VALUES (?,?)", 1L, new StatementBatch.Null(Types.VARCHAR))
                .add("UPDATE b SET z = ? WHERE id = ?", List.of("z", 7L));

        StatementBatch.Statement combined = batch.combined();

        assertEquals("INSERT INTO a (x, y) VALUES (?,?);UPDATE b SET z = ? WHERE id = ?", combined.sql());
        assertEquals(List.of(1L, new StatementBatch.Null(Types.VARCHAR), "z", 7L), combined.parameters());
        assertEquals(2, batch.statements().size());
    }

    @Test
    void parameterCountMustMatchPlaceholders() {
        StatementBatch batch = new StatementBatch();
        assertThrows(IllegalArgumentException.class, () -> batch.add("UPDATE b SET z = ? WHERE id = ?", "z"));
        assertTrue(batch.isEmpty());
    }

    @Test
    void statementWithSemicolonCannotBeCombined() {
        StatementBatch batch = new StatementBatch().add("SELECT 1; SELECT 2");
        assertThrows(IllegalStateException.class, batch::combined);
    }

    @Test
    void emptyBatchCombinesToNothing() {
        StatementBatch.Statement combined = new StatementBatch().combined();
        assertEquals("", combined.sql());
        assertTrue(combined.parameters().isEmpty());
    }
}
