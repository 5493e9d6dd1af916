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
        // the SDK's sign-in modules are the operator tools' (infra/operator), not the functions': a
        // function's credentials are its role's, in its environment
        assertThat(names).noneMatch(n -> n.matches("lib/(sso|ssooidc|sts|cloudformation)-[0-9.]+\\.jar"));
        assertThat(names).anyMatch(n -> n.matches("lib/dynamodb-[0-9.]+\\.jar"));
        // every entry dated by project.build.outputTimestamp: the same sources give the same bytes
        assertThat(times).as("entry times").hasSize(1);
    }
}
