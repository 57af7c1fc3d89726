package org.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The protocol core stays pure Java: no container API (EJB, JAX-RS, JPA, CDI, injection,
 * Infinispan) may be imported under org.weft.core, so it can be tested and reused anywhere.
 */
class ArchitectureTest {

    private static final Pattern CONTAINER_IMPORT = Pattern.compile(
            "^import\\s+(static\\s+)?(jakarta\\.(ejb|ws\\.rs|persistence|enterprise|inject|annotation\\.Resource)"
                    + "|org\\.infinispan|org\\.jboss|org\\.hibernate)[.;].*", Pattern.MULTILINE);

    @Test
    void coreImportsNoContainerApi() throws IOException {
        Path core = Path.of("src/main/java/org/weft/core");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(core)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            return CONTAINER_IMPORT.matcher(Files.readString(p)).find();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(Path::toString).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
