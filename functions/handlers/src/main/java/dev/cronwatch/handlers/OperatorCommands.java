package dev.cronwatch.handlers;

import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.core.validation.SlugRule;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.core.service.ApiKeyService;
import dev.cronwatch.core.service.NotFoundException;
import dev.cronwatch.core.service.ProjectService;
import dev.cronwatch.core.service.TokenService;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.handlers.http.ApiKeysApi;
import dev.cronwatch.handlers.http.TokensApi;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The operator's commands (infra/bin/cronwatch-admin): organizations, which no API call can make, and
 * their management tokens and projects' API keys, which an organization can also manage itself once it
 * has a token. Each prints
 * one JSON object on stdout. Projects and DSN keys are the organization's own business, through the
 * management API with a token.
 */
public final class OperatorCommands {
    public static final String USAGE = """
            usage: cronwatch-admin (--stack <stack name> | --data-dir <local mode data dir>) <command>
              create-organization <slug>   a new organization; prints {"organization", "dateCreated"}
              create-token <organization> [--name <name>] [--expires <instant> | --expires <days>d]
                                           a new management token; prints {"organization", "token", "id", …}
                                           (the token is shown once: only its hash is stored)
              list-tokens <organization>   prints {"organization", "tokens": [{"id", "name", "status", …}]}
              revoke-token <organization> <token id>
                                           refused from then on (within 10 s by a running API)
              create-api-key <organization> <project id or slug> [--read-only] [--name <name>]
                                           a project's key for the Healthchecks API (X-Api-Key);
                                           prints {"organization", "key", "id", "readOnly", …} (shown once)""";

    /** A command that cannot be done as asked (the organization exists, or does not): exit status 1. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private OperatorCommands() {
    }

    /**
     * Runs one command; {@link IllegalArgumentException} or {@link FieldError} for a malformed command
     * line, {@link Refused} for one that cannot be done.
     */
    public static Map<String, Object> run(Tenants tenants, Clock clock, RandomGenerator random, String... args) {
        if (args.length < 2) throw new IllegalArgumentException(USAGE);
        String command = args[0];
        String organization = args[1];
        if (!SlugRule.ORGANIZATION.accepts(organization)) {
            throw new IllegalArgumentException(SlugRule.ORGANIZATION.refusal(organization));
        }
        TokenService tokens = new TokenService(tenants.accessKeys(), clock, random);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("organization", organization);
        switch (command) {
            case "create-organization" -> {
                arguments(args, 2);
                var now = clock.instant();
                if (!tenants.projects().createOrganization(organization, now)) {
                    throw new Refused("organization " + organization + " exists already");
                }
                out.put("dateCreated", now.toString());
            }
            case "create-token" -> {
                Map<String, String> options = options(args, 2, List.of("--name", "--expires"));
                existing(tenants, organization);
                String expires = options.get("--expires");
                Long days = expires != null && expires.matches("[0-9]{1,9}d")
                        ? Long.valueOf(expires.substring(0, expires.length() - 1)) : null;
                TokenService.Issued issued;
                try {
                    issued = tokens.create(organization, options.get("--name"), days == null ? instant(expires) : null, days);
                } catch (FieldError e) {
                    throw new FieldError(option(e.field()), e.detail());
                }
                out.put("token", issued.secret());
                out.putAll(TokensApi.view(issued.token(), clock.instant()));
            }
            case "create-api-key" -> {
                if (args.length < 3) throw new IllegalArgumentException(USAGE);
                Map<String, String> options = options(args, 3, List.of("--name", "--read-only"));
                existing(tenants, organization);
                ApiKeyService.Issued issued;
                try {
                    issued = new ApiKeyService(tenants.accessKeys(),
                            new ProjectService(tenants.projects(), clock, random), clock, random)
                            .create(organization, args[2], options.get("--name"), options.containsKey("--read-only"));
                } catch (NotFoundException e) {
                    throw new Refused("organization " + organization + " has no project " + args[2]);
                } catch (FieldError e) {
                    throw new FieldError(option(e.field()), e.detail());
                }
                out.put("key", issued.secret());
                out.putAll(ApiKeysApi.view(issued.key()));
            }
            case "list-tokens" -> {
                arguments(args, 2);
                existing(tenants, organization);
                Instant now = clock.instant();
                List<Map<String, Object>> listed = new ArrayList<>();
                String cursor = null;
                do {
                    Page<ManagementToken> page = tokens.list(organization, cursor, 100);
                    page.items().forEach(t -> listed.add(TokensApi.view(t, now)));
                    cursor = page.nextCursor();
                } while (cursor != null);
                out.put("tokens", listed);
            }
            case "revoke-token" -> {
                arguments(args, 3);
                try {
                    tokens.revoke(organization, args[2]);
                } catch (NotFoundException e) {
                    throw new Refused("organization " + organization + " has no token " + args[2]);
                }
                out.put("id", args[2]);
                out.put("status", "revoked");
            }
            default -> throw new IllegalArgumentException("unknown command " + command + "\n" + USAGE);
        }
        return out;
    }

    private static void arguments(String[] args, int count) {
        if (args.length != count) throw new IllegalArgumentException(USAGE);
    }

    private static void existing(Tenants tenants, String organization) {
        if (!tenants.projects().organizationExists(organization)) throw new Refused("no organization " + organization);
    }

    /**
     * The options after the first {@code from} arguments, each at most once: {@code --read-only} alone,
     * any other {@code allowed} one with a value.
     */
    private static Map<String, String> options(String[] args, int from, List<String> allowed) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            boolean flag = args[i].equals("--read-only");
            if (!allowed.contains(args[i]) || (!flag && i + 1 >= args.length)
                    || options.put(args[i], flag ? "" : args[++i]) != null) {
                throw new IllegalArgumentException(USAGE);
            }
        }
        return options;
    }

    /** The command-line option a field of the tokens API came from, so a refusal names what was typed. */
    private static String option(String field) {
        return field.startsWith("expires") ? "--expires" : "--" + field;
    }

    private static Instant instant(String text) {
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--expires takes an instant (2027-01-01T00:00:00Z) or a number of days (90d)");
        }
    }

    /** Prints the result or the reason; the exit status for the shell (0 done, 1 refused, 2 usage). */
    public static int main(Tenants tenants, Clock clock, PrintStream out, PrintStream err, String... args) {
        try {
            out.println(Json.write(run(tenants, clock, new SecureRandom(), args)));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (FieldError e) {
            err.println("cronwatch-admin: " + e.field() + ": " + e.detail());
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
        System.exit(main(wiring.ports().tenants(), wiring.ports().clock(), System.out, System.err, args));
    }
}
