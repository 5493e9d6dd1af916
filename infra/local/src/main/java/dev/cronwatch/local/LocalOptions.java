package dev.cronwatch.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Command-line options of local mode. */
public record LocalOptions(int port, Path dataDir, boolean inMemory, boolean manualClock, Instant start, URI webhook,
                           int rateLimitPerMinute, Notifications.Format webhookFormat, int workers,
                           List<String> allowedHosts) {
    /** A host name or IPv4 address, or an IPv6 address in brackets, and an optional port: what a Host header holds. */
    private static final Pattern HOST = Pattern.compile("([a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+])(:[0-9]{1,5})?");

    public static final String USAGE = """
            usage: cronwatch-local [--port 8080] [--data-dir ./.cronwatch] [--in-memory]
                                   [--clock real|manual --start <ISO instant>]
                                   [--webhook <url> [--webhook-format json|slack]] [--rate-limit 6]
                                   [--workers 2] [--allow-host <name>]... [--version] [--help]""";

    /** What --help prints, on standard output. */
    public static final String HELP = USAGE + """


            Runs the whole of cronwatch on this machine: the HTTP API on 127.0.0.1, the queue, the
            processor and the clock, with DynamoDB Local and ElasticMQ inside this JVM. On first start
            it creates organization "local", project 1, a DSN and a token, prints them and writes them
            to <data-dir>/local.json.

              --port <n>            port of the HTTP API on 127.0.0.1, 0 to 65535 (default 8080; 0 takes
                                    any free port). A port in use stops the start with a message.
              --data-dir <dir>      where the database and local.json are kept (default ./.cronwatch).
                                    One cronwatch-local at a time per directory: a second one is refused.
              --in-memory           keep no data: everything is gone when it stops (local.json is
                                    still written to the data directory)
              --clock real|manual   real (default): the clock ticks every minute. manual: time stands
                                    still until POST /_local/clock {"now": "<ISO instant>"} moves it,
                                    running every tick in between; for simulations and tests
              --start <instant>     where the manual clock starts, e.g. 2026-01-01T00:00:00Z
                                    (required with --clock manual, refused without it)
              --webhook <url>       also POST each alert to this http:// or https:// URL, in the
                                    --webhook-format below (alerts are printed and kept for
                                    GET /_local/notifications in any case; a POST that fails is
                                    said on the console once and not repeated)
              --webhook-format slack|json
                                    slack posts {"text": ...} as a Slack incoming webhook takes it;
                                    json (the default) posts {"subject","message","attributes","text"}
              --rate-limit <n>      check-ins one monitor environment may send per minute, at least 1;
                                    more become processing errors (default 6, as the template's
                                    RateLimitPerMinute)
              --workers <n>         queue consumers running at once, at least 1, as Lambda runs several
                                    (default 2)
              --allow-host <name>   also answer requests addressed to this name, as a proxy, a tunnel
                                    or a container calls it (on --port or no port; name:port for
                                    another port); repeatable. Otherwise only 127.0.0.1, localhost
                                    and [::1] on --port are answered: a web page cannot reach it
                                    under a name of its own (DNS rebinding)
              --version             print the version and exit
              --help, -h            print this help and exit
            """;

    public static LocalOptions parse(String... args) {
        int port = 8080;
        Path dataDir = Path.of(".cronwatch");
        boolean inMemory = false;
        boolean manual = false;
        Instant start = null;
        URI webhook = null;
        int rateLimit = 6;
        int workers = 2;
        Notifications.Format format = null;
        List<String> allowedHosts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = wholeNumber(value(args, ++i, arg), arg, 0, 65_535);
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--in-memory" -> inMemory = true;
                case "--clock" -> {
                    String mode = value(args, ++i, arg);
                    if (!mode.equals("manual") && !mode.equals("real")) {
                        throw new IllegalArgumentException("--clock is real or manual, not " + mode);
                    }
                    manual = mode.equals("manual");
                }
                case "--start" -> {
                    try {
                        start = Instant.parse(value(args, ++i, arg));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--start takes an ISO instant like 2026-01-01T00:00:00Z");
                    }
                }
                case "--webhook" -> webhook = webhook(value(args, ++i, arg));
                case "--webhook-format" -> {
                    String name = value(args, ++i, arg);
                    if (!name.equals("json") && !name.equals("slack")) {
                        throw new IllegalArgumentException("--webhook-format is json or slack, not " + name);
                    }
                    format = Notifications.Format.valueOf(name.toUpperCase(java.util.Locale.ROOT));
                }
                case "--rate-limit" -> rateLimit = wholeNumber(value(args, ++i, arg), arg, 1, Integer.MAX_VALUE);
                case "--workers" -> workers = wholeNumber(value(args, ++i, arg), arg, 1, Integer.MAX_VALUE);
                case "--allow-host" -> {
                    String host = value(args, ++i, arg).toLowerCase(Locale.ROOT);
                    if (!HOST.matcher(host).matches()) {
                        throw new IllegalArgumentException("--allow-host takes a host name, optionally with :<port>"
                                + " (as a Host header has it), not " + host);
                    }
                    allowedHosts.add(host);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (manual && start == null) throw new IllegalArgumentException("--clock manual needs --start <ISO instant>");
        if (!manual && start != null) throw new IllegalArgumentException("--start goes with --clock manual");
        if (format != null && webhook == null) throw new IllegalArgumentException("--webhook-format goes with --webhook");
        return new LocalOptions(port, dataDir, inMemory, manual, start, webhook, rateLimit,
                format == null ? Notifications.Format.JSON : format, workers, List.copyOf(allowedHosts));
    }

    /** A whole number in [min, max], or a refusal naming the option and the range. */
    private static int wholeNumber(String text, String option, int min, int max) {
        String range = max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max;
        try {
            int number = Integer.parseInt(text);
            if (number >= min && number <= max) return number;
        } catch (NumberFormatException e) {
            // refused below, as a number out of range is
        }
        throw new IllegalArgumentException(option + " takes a whole number " + range + ", not " + text);
    }

    /**
     * An absolute http or https URL with a host: anything else would only fail at the first alert,
     * long after the start that could have said so.
     */
    private static URI webhook(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return uri;
        } catch (URISyntaxException e) {
            // refused below, as a URL without a scheme is
        }
        throw new IllegalArgumentException("--webhook takes an absolute http or https URL"
                + " (https://hooks.slack.com/services/...), not " + text);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }
}
