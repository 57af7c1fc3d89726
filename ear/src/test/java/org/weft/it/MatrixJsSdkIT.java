package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real client against the deployed server: matrix-js-sdk (37.5, installed by the build into
 * target/js-client) runs two users who sync, exchange a message, and see each other's typing and
 * read receipt (src/test/js/two-users.mjs).
 */
class MatrixJsSdkIT extends WeftIT {

    @Test
    void twoMatrixJsSdkClientsTalk() throws Exception {
        File dir = new File("target/js-client");
        File log = new File("target/js-client/two-users.log");
        String base = System.getProperty("weft.it.base.url", "http://localhost:18008");
        Process node = new ProcessBuilder("node", "two-users.mjs", base).directory(dir)
                .redirectErrorStream(true).redirectOutput(log).start();
        boolean ended = node.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            node.destroyForcibly();
        }
        String output = Files.readString(log.toPath());
        assertTrue(ended, "the js-sdk script did not finish; its output is in " + log);
        assertEquals(0, node.exitValue(), () -> "js-sdk script failed:\n" + tail(output));
        assertTrue(output.contains("message delivered") && output.contains("typing seen")
                && output.contains("receipt seen") && output.contains("\nOK"), () -> tail(output));
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
