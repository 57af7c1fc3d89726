package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A second real client: matrix-nio (Debian's python3-matrix-nio, 0.20 in Debian 12), which speaks
 * only the r0 paths and paginates from /sync's next_batch: two users register, log in, create a
 * room, join, send, sync (initial and waiting), page back from next_batch, upload and download
 * (src/test/python/nio_client.py; its output in target/nio-client.log). Skipped, with the reason,
 * where no Python has the package (.ci/run installs it where it can).
 */
class MatrixNioIT extends WeftIT {

    @Test
    void matrixNioTalksToWeft() throws Exception {
        String python = pythonWithNio();
        Assumptions.assumeTrue(python != null,
                "matrix-nio is not installed (apt-get install python3-matrix-nio): MatrixNioIT skipped");
        File log = new File("target/nio-client.log");
        String base = System.getProperty("weft.it.base.url", "http://localhost:18008");
        Process client = new ProcessBuilder(python, "src/test/python/nio_client.py", base)
                .redirectErrorStream(true).redirectOutput(log).start();
        boolean ended = client.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            client.destroyForcibly();
        }
        String output = Files.readString(log.toPath());
        assertTrue(ended, "the matrix-nio script did not finish; its output is in " + log);
        assertEquals(0, client.exitValue(), () -> "matrix-nio script failed:\n" + output);
        assertTrue(output.contains("newest first from next_batch") && output.contains("live message seen")
                && output.contains("downloaded the same bytes") && output.endsWith("OK\n"), output);
    }

    /** Debian's Python first (a pyenv or venv python3 on the PATH does not see Debian's packages). */
    private static String pythonWithNio() throws InterruptedException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import nio").redirectErrorStream(true).start();
                probe.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (java.io.IOException notThere) {
                // try the next one
            }
        }
        return null;
    }
}
