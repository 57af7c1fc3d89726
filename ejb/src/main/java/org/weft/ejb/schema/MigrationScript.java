package org.weft.ejb.schema;

import java.util.ArrayList;
import java.util.List;

/** Parsing of the migration index and scripts: plain text, kept apart so it is unit-tested. */
final class MigrationScript {

    private MigrationScript() {
    }

    /** The migration file names of index.txt, in order; blank lines and # comments skipped. */
    static List<String> index(String text) {
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The statements of a script: {@code --} comment lines dropped, statements ended by a
     * {@code ;} at the end of a line (so a semicolon inside a string literal is safe).
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            int comment = trimmed.indexOf(" --");
            if (comment >= 0) {
                trimmed = trimmed.substring(0, comment).strip();
            }
            current.append(current.length() == 0 ? "" : " ").append(trimmed);
            if (trimmed.endsWith(";")) {
                current.setLength(current.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
