package org.weft.ejb.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationScriptTest {

    @Test
    void indexSkipsCommentsAndBlankLines() {
        assertEquals(List.of("V001__a.sql", "V002__b.sql"), MigrationScript.index("# header\n\nV001__a.sql\n  V002__b.sql \n"));
    }

    @Test
    void statementsSplitAtLineEndSemicolonsAndDropComments() {
        String script = "-- comment\nCREATE TABLE t (\n  a INT, -- why\n  b VARCHAR(3)\n);\nINSERT INTO t VALUES (1, 'x;y');\n";
        assertEquals(List.of("CREATE TABLE t ( a INT, b VARCHAR(3) )", "INSERT INTO t VALUES (1, 'x;y')"),
                MigrationScript.statements(script));
    }

    @Test
    void theShippedFirstMigrationParses() throws Exception {
        try (var in = getClass().getClassLoader().getResourceAsStream("META-INF/weft/schema/V001__accounts_devices_tokens.sql")) {
            List<String> statements = MigrationScript.statements(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(9, statements.size(), String.join("\n", statements));
        }
    }
}
