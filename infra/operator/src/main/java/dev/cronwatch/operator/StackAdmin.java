package dev.cronwatch.operator;

import dev.cronwatch.adapters.alert.AlertRenderer;
import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.sns.SnsAlertPublisher;
import dev.cronwatch.handlers.OperatorCommands;
import dev.cronwatch.handlers.Bootstrap;
import dev.cronwatch.handlers.Wiring;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * infra/bin/cronwatch-admin --stack and infra/bootstrap.sh: the operator's commands against a deployed
 * stack, found by name through CloudFormation, with the operator's credentials as the AWS CLI would
 * find them (keys, a profile with credential_process, role_arn or SSO) and a region it prints.
 * {@code --stack <name> [--region <region>] <command> <arguments>}: {@code test-alert} and
 * {@code bootstrap} here, every other command is {@link OperatorCommands}'s, on the stack's table.
 */
public final class StackAdmin {
    static final String USAGE = "usage: cronwatch-admin --stack <stack name> [--region <region>] <command> ...\n"
            + "  test-alert [--monitor <slug>] [--organization <slug>] [--project <id>] [--environment <name>]\n"
            + "  (and every command of cronwatch-admin --help)";

    private StackAdmin() {
    }

    public static void main(String[] args) {
        Path samconfig = Path.of(System.getProperty("cronwatch.samconfig", "samconfig.toml"));
        System.exit(run(System.getenv(), samconfig, System.out, System.err, args));
    }

    /** The exit status: 0 done, 1 refused (or AWS said no), 2 usage. */
    static int run(Map<String, String> env, Path samconfig, PrintStream out, PrintStream err, String... args) {
        String stack = null;
        String regionFlag = null;
        int i = 0;
        while (i + 1 < args.length && (args[i].equals("--stack") || args[i].equals("--region"))) {
            if (args[i].equals("--stack")) stack = args[i + 1];
            else regionFlag = args[i + 1];
            i += 2;
        }
        String[] command = Arrays.copyOfRange(args, i, args.length);
        if (stack == null || stack.isBlank() || command.length == 0) {
            err.println(USAGE);
            return 2;
        }
        RegionChoice region;
        try {
            region = RegionChoice.resolve(regionFlag, env, ProfileFile::defaultProfileFile, samconfig);
        } catch (IllegalArgumentException e) {
            err.println("cronwatch: " + e.getMessage());
            return 2;
        }
        err.println("cronwatch: stack " + stack + " in " + region.region() + " (region from " + region.source() + ")");
        try {
            StackOutputs outputs = StackOutputs.read(cloudFormation(region.region()), stack, region.region());
            String[] rest = Arrays.copyOfRange(command, 1, command.length);
            return switch (command[0]) {
                case "test-alert" -> testAlert(outputs, region.region(), out, err, rest);
                case "bootstrap" -> bootstrap(env, outputs, region.region(), out, err, rest);
                default -> OperatorCommands.main(wiring(env, outputs, region.region()).ports().tenants(), Clock.systemUTC(), out, err,
                        command);
            };
        } catch (OperatorCommands.Refused e) {
            err.println("cronwatch: " + e.getMessage());
            return 1;
        } catch (SdkException e) {
            // a denied call, an unreachable endpoint: the SDK's own words
            err.println("cronwatch: " + inWords(e));
            return 1;
        }
    }

    private static final String NO_CREDENTIALS = "no AWS credentials: set AWS_PROFILE to a profile that has them (for SSO, run"
            + " `aws sso login --profile <name>` first), or put keys in the environment or ~/.aws/credentials";

    /**
     * The SDK's own words, but for the default chain's failure: its message lists every provider it
     * tried, a thousand characters that bury what to do. A profile that exists and failed for its own
     * reason (an SSO session with no token yet) is what the reader needs, so that reason is kept.
     */
    private static String inWords(SdkException e) {
        String message = e.getMessage();
        if (message == null || !message.startsWith("Unable to load credentials from any of the providers")) return message;
        int entry = message.lastIndexOf(PROFILE_PROVIDER);
        if (entry < 0) return NO_CREDENTIALS;
        Matcher next = NEXT_PROVIDER.matcher(message);
        int end = next.find(entry + PROFILE_PROVIDER.length()) ? next.start() : message.length();
        String segment = message.substring(entry + PROFILE_PROVIDER.length(), end);
        // the provider's own description nests parentheses; its reason follows the last "): "
        int described = segment.lastIndexOf("): ");
        if (described < 0) return NO_CREDENTIALS;
        String reason = segment.substring(described + 3).replaceAll("]$", "");
        if (reason.startsWith("Profile file contained no credentials")) return NO_CREDENTIALS;
        return "profile " + segment.substring(0, Math.max(0, segment.indexOf(','))) + ": " + reason;
    }

    private static final String PROFILE_PROVIDER = "ProfileCredentialsProvider(profileName=";
    private static final Pattern NEXT_PROVIDER = Pattern.compile(", [A-Za-z]+CredentialsProvider\\(");

    private static int testAlert(StackOutputs outputs, String region, PrintStream out, PrintStream err, String... args) {
        TestAlertCommand command;
        try {
            command = TestAlertCommand.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("cronwatch: " + e.getMessage());
            return 2;
        }
        var renderer = new AlertRenderer(outputs.get("ApiUrl"));
        var publisher = new SnsAlertPublisher(() -> AwsClients.forAws(region).sns(null), outputs.get("TopicArn"), renderer);
        out.println(Json.write(command.publish(publisher, renderer, outputs.get("TopicArn"), Clock.systemUTC())));
        return 0;
    }

    /** infra/bootstrap.sh: a tenant whose DSN's host is the stack's API unless {@code --host} says otherwise. */
    private static int bootstrap(Map<String, String> env, StackOutputs outputs, String region, PrintStream out, PrintStream err, String... args) {
        if (args.length == 0) {
            err.println("usage: bootstrap.sh <stack> <organization> [--project ID] [--project-slug SLUG] [--host HOST]");
            return 2;
        }
        URI api = URI.create(outputs.get("ApiUrl"));
        if (!"https".equals(api.getScheme())) throw new OperatorCommands.Refused("the stack's ApiUrl is not https: " + api);
        List<String> argv = new ArrayList<>(List.of("--organization", args[0], "--host", api.getAuthority(), "--scheme", "https"));
        argv.addAll(Arrays.asList(args).subList(1, args.length));
        Bootstrap.Arguments parsed;
        try {
            parsed = Bootstrap.Arguments.parse(argv.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            err.println("cronwatch: " + e.getMessage());
            return 2;
        }
        out.println(Json.write(Bootstrap.run(wiring(env, outputs, region).ports().tenants(), parsed, new SecureRandom(),
                Clock.systemUTC())));
        return 0;
    }

    /** The stack's table; {@code CRONWATCH_DYNAMODB_ENDPOINT} still points it at an emulator (the tests). */
    private static Wiring wiring(Map<String, String> env, StackOutputs outputs, String region) {
        Map<String, String> settings = new HashMap<>();
        settings.put(Settings.TABLE, outputs.get("TableName"));
        settings.put(Settings.REGION, region);
        if (env.containsKey(Settings.DYNAMODB_ENDPOINT)) settings.put(Settings.DYNAMODB_ENDPOINT, env.get(Settings.DYNAMODB_ENDPOINT));
        return Wiring.builder(Settings.forOperator(settings), Clock.systemUTC()).build();
    }

    private static CloudFormationClient cloudFormation(String region) {
        return CloudFormationClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create()).build();
    }
}
