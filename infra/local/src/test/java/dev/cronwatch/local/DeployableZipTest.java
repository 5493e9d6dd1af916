package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The zip template.yaml deploys, as the build leaves it (the handlers module is packaged before this one). */
class DeployableZipTest {
    static final Path ZIP = Path.of("../../functions/handlers/target/cronwatch-functions.zip");

    @Test
    void holdsEveryHandlerAndIsReproducible() throws Exception {
        Set<Long> times = new HashSet<>();
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            zip.stream().forEach(e -> {
                names.add(e.getName());
                times.add(e.getTime());
            });
        }
        for (String handler : new String[] {"IngestHandler", "ManagementHandler", "ProcessorHandler", "ClockHandler",
                "logging/LambdaLogProvider"}) {
            assertThat(names).contains("dev/cronwatch/handlers/" + handler + ".class");
        }
        // every entry dated by project.build.outputTimestamp: the same sources give the same bytes
        assertThat(times).as("entry times").hasSize(1);
    }
}
