package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The zips template.yaml deploys, as the build leaves them (the handlers module is packaged before this one). */
class DeployableZipTest {
    static final Path TARGET = Path.of("../../functions/handlers/target");
    static final Path ZIP = TARGET.resolve("cronwatch-functions.zip");

    @Test
    void holdsEveryHandlerAndIsReproducible() throws Exception {
        Set<String> names = names(ZIP);
        for (String handler : new String[] {"IngestHandler", "ManagementHandler", "ProcessorHandler", "ClockHandler",
                "PagerDutyForwarder", "logging/LambdaLogProvider"}) {
            assertThat(names).contains("dev/cronwatch/handlers/" + handler + ".class");
        }
        for (String zip : List.of("cronwatch-functions.zip", "cronwatch-ingest.zip", "cronwatch-management.zip",
                "cronwatch-processing.zip")) {
            // every entry dated by project.build.outputTimestamp: the same sources give the same bytes
            assertThat(times(TARGET.resolve(zip))).as("entry times of %s", zip).hasSize(1);
        }
    }

    /** Issue 29: each function's code carries only what it uses. */
    @Test
    void eachFunctionsZipCarriesOnlyWhatItUses() throws Exception {
        Set<String> ingest = names(TARGET.resolve("cronwatch-ingest.zip"));
        assertThat(ingest).contains("dev/cronwatch/handlers/IngestHandler.class");
        assertThat(jars(ingest)).contains("sqs", "dynamodb", "org-crac").doesNotContain("ssm", "joda-time");
        assertThat(ingest).noneMatch(n -> n.startsWith("dashboard/"));

        Set<String> management = names(TARGET.resolve("cronwatch-management.zip"));
        assertThat(management).contains("dev/cronwatch/handlers/ManagementHandler.class", "dashboard/index.html");
        assertThat(jars(management)).contains("dynamodb", "org-crac").doesNotContain("ssm", "joda-time");

        Set<String> processing = names(TARGET.resolve("cronwatch-processing.zip"));
        assertThat(processing).contains("dev/cronwatch/handlers/ProcessorHandler.class",
                "dev/cronwatch/handlers/ClockHandler.class");
        assertThat(jars(processing)).contains("sns", "sqs").doesNotContain("ssm", "joda-time");
        assertThat(processing).noneMatch(n -> n.startsWith("dashboard/"));

        assertThat(jars(names(ZIP))).contains("ssm");
        assertThat(names(ZIP)).contains("dev/cronwatch/handlers/PagerDutyForwarder.class");
        for (Set<String> function : List.of(ingest, management, processing)) {
            // the forwarder alone calls PagerDuty; the operator's commands run from the full zip
            assertThat(function).noneMatch(n -> n.startsWith("dev/cronwatch/adapters/pagerduty/")
                    || n.startsWith("dev/cronwatch/handlers/PagerDutyForwarder")
                    || n.startsWith("dev/cronwatch/handlers/OperatorCommands"));
            assertThat(function).contains("dev/cronwatch/adapters/aws/AwsClients.class");
        }
        // the SDK's sign-in modules are the operator tools' (infra/operator), not the functions': a
        // function's credentials are its role's, in its environment
        for (String zip : List.of("cronwatch-functions.zip", "cronwatch-ingest.zip", "cronwatch-management.zip",
                "cronwatch-processing.zip")) {
            assertThat(jars(names(TARGET.resolve(zip)))).as(zip).doesNotContain("sso", "ssooidc", "sts", "cloudformation");
            // every client is given the URL-connection client: no other HTTP client is shipped
            assertThat(jars(names(TARGET.resolve(zip)))).as(zip).doesNotContain("apache5-client", "httpclient5", "apache-client");
            // one JSON library: the SDK's shaded Jackson, which our JSON codec shares
            assertThat(jars(names(TARGET.resolve(zip)))).as(zip).contains("third-party-jackson-core")
                    .doesNotContain("jackson-jr-objects", "jackson-core");
        }
    }

    /**
     * Issue 29: a cold start reads each class of a stored jar as it is; from a deflated one it inflates
     * it first (StoredJars rewrites them after the assembly).
     */
    @Test
    void everyJarOfEveryZipIsStoredNotDeflated() throws Exception {
        for (String zip : List.of("cronwatch-functions.zip", "cronwatch-ingest.zip", "cronwatch-management.zip",
                "cronwatch-processing.zip")) {
            Map<String, Integer> deflated = new TreeMap<>();
            try (ZipFile file = new ZipFile(TARGET.resolve(zip).toFile())) {
                for (ZipEntry jar : file.stream().filter(e -> e.getName().matches("lib/[^/]+\\.jar")).toList()) {
                    try (ZipInputStream in = new ZipInputStream(file.getInputStream(jar))) {
                        for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                            if (entry.getMethod() != ZipEntry.STORED) deflated.merge(jar.getName(), 1, Integer::sum);
                        }
                    }
                }
                assertThat(file.stream().filter(e -> e.getName().startsWith("lib/"))).as(zip).hasSizeGreaterThan(10);
            }
            assertThat(deflated).as("deflated entries per jar of %s", zip).isEmpty();
        }
    }

    /** The artifacts in lib/, without their versions: lib/joda-time-2.10.8.jar is joda-time. */
    private static Set<String> jars(Set<String> names) {
        Set<String> jars = new HashSet<>();
        for (String name : names) {
            if (name.startsWith("lib/")) jars.add(name.substring(4).replaceFirst("-[0-9][^-]*\\.jar$", ""));
        }
        return jars;
    }

    private static Set<String> names(Path zip) throws Exception {
        Set<String> names = new HashSet<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            file.stream().forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    private static Set<Long> times(Path zip) throws Exception {
        Set<Long> times = new HashSet<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            file.stream().forEach(e -> times.add(e.getTime()));
        }
        return times;
    }
}
