package dev.cronwatch.handlers;

import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.core.validation.SlugRule;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.port.ProjectDirectory;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.core.service.TokenService;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.Secrets;
import dev.cronwatch.core.tenant.TenantNames;
import dev.cronwatch.handlers.usecases.Ports;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets up a tenant on a deployed (or local) table: the organization and project if missing, plus a
 * new DSN key and a new management token (named "bootstrap"), printed once as JSON. Run it again and
 * the organization and project stay as they are; the key and token are new each time (the token is
 * stored only as its hash, so it cannot be shown again). Usage: infra/bootstrap.sh, or
 * {@code CRONWATCH_TABLE=… java -cp … dev.cronwatch.handlers.Bootstrap --organization acme
 * [--project 1] [--project-slug default] [--host api.example.com] [--scheme https]}.
 */
public final class Bootstrap {
    private Bootstrap() {
    }


    /** The command line, with its defaults; unknown or incomplete options are refused by name. */
    public record Arguments(String organization, String projectId, String projectSlug, String host, String scheme) {
        public static Arguments parse(String... args) {
            Map<String, String> options = new LinkedHashMap<>(Map.of("--project", "1", "--project-slug", "default",
                    "--host", "localhost:8080", "--scheme", "https"));
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
                }
                if (!args[i].equals("--organization") && !options.containsKey(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                options.put(args[i], args[i + 1]);
            }
            String organization = options.get("--organization");
            if (organization == null || organization.isBlank()) throw new IllegalArgumentException("--organization is required");
            if (!SlugRule.ORGANIZATION.accepts(organization)) throw new IllegalArgumentException("--organization is " + SlugRule.ORGANIZATION.rule());
            if (!TenantNames.isProjectId(options.get("--project"))) {
                throw new IllegalArgumentException("--project is a project id: a positive whole number");
            }
            if (!SlugRule.PROJECT.accepts(options.get("--project-slug"))) throw new IllegalArgumentException("--project-slug is " + SlugRule.PROJECT.rule());
            return new Arguments(organization, options.get("--project"), options.get("--project-slug"),
                    options.get("--host"), options.get("--scheme"));
        }
    }

    public static Map<String, Object> run(Tenants tenants, Arguments args, SecureRandom random, Clock clock) {
        ProjectDirectory projects = tenants.projects();
        projects.ensureOrganization(args.organization());
        projects.ensureProject(new Project(args.organization(), args.projectId(), args.projectSlug()));
        Project project = projects.project(args.organization(), args.projectId()).orElseThrow();
        DsnKey key = new DsnKey(Secrets.newPublicKey(random), project.organization(), project.id());
        projects.ensureDsnKey(key);
        String token = new TokenService(tenants.accessKeys(), clock, random)
                .create(project.organization(), "bootstrap", null, null).secret();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("organization", project.organization());
        out.put("projectId", project.id());
        out.put("projectSlug", project.slug());
        out.put("publicKey", key.publicKey());
        out.put("dsn", key.dsn(args.scheme(), args.host()));
        out.put("token", token);
        return out;
    }

    public static void main(String[] argv) {
        Arguments args = Arguments.parse(argv);
        Ports ports = Wiring.builder(Settings.forOperator(System.getenv()), Clock.systemUTC()).build().ports();
        System.out.println(Json.write(run(ports.tenants(), args, new SecureRandom(), ports.clock())));
    }
}
