package dev.cronwatch.handlers;

import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.tenant.Secrets;
import dev.cronwatch.core.tenant.TenantNames;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The operator's commands (infra/bin/cronwatch-admin): organizations and their management tokens,
 * which no API call can make. Each prints one JSON object on stdout. Projects and DSN keys are then
 * the organization's own business, through the management API with the token.
 */
public final class Admin {
    public static final String USAGE = """
            usage: cronwatch-admin (--stack <stack name> | --data-dir <local mode data dir>) <command>
              create-organization <slug>   a new organization; prints {"organization", "dateCreated"}
              create-token <organization>  a new management token; prints {"organization", "token"}
                                           (shown once: only its hash is stored)""";

    /** A command that cannot be done as asked (the organization exists, or does not): exit status 1. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private Admin() {
    }

    /** Runs one command; {@link IllegalArgumentException} for a malformed command line, {@link Refused} otherwise. */
    public static Map<String, Object> run(TenantDirectory tenants, Clock clock, RandomGenerator random, String... args) {
        if (args.length != 2) throw new IllegalArgumentException(USAGE);
        String command = args[0];
        String organization = args[1];
        if (!TenantNames.isSlug(organization)) {
            throw new IllegalArgumentException("\"" + organization + "\": an organization slug " + Bootstrap.SLUG_RULE);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("organization", organization);
        switch (command) {
            case "create-organization" -> {
                var now = clock.instant();
                if (!tenants.createOrganization(organization, now)) {
                    throw new Refused("organization " + organization + " exists already");
                }
                out.put("dateCreated", now.toString());
            }
            case "create-token" -> {
                if (!tenants.organizationExists(organization)) throw new Refused("no organization " + organization);
                String token = Secrets.newToken(random);
                tenants.ensureToken(organization, token);
                out.put("token", token);
            }
            default -> throw new IllegalArgumentException("unknown command " + command + "\n" + USAGE);
        }
        return out;
    }

    /** Prints the result or the reason; the exit status for the shell (0 done, 1 refused, 2 usage). */
    public static int main(TenantDirectory tenants, Clock clock, PrintStream out, PrintStream err, String... args) {
        try {
            out.println(Json.write(run(tenants, clock, new SecureRandom(), args)));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Refused e) {
            err.println("cronwatch-admin: " + e.getMessage());
            return 1;
        }
    }

    /** Against a deployed stack's table: {@code CRONWATCH_TABLE} (infra/bin/cronwatch-admin reads it from the stack). */
    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.forOperator(System.getenv());
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Wiring wiring = Wiring.builder(settings, Clock.systemUTC()).build();
        System.exit(main(wiring.services().tenants(), wiring.services().clock(), System.out, System.err, args));
    }
}
