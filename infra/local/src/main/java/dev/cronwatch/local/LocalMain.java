package dev.cronwatch.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Properties;

/** {@code ./cronwatch-local}: starts the local system and runs until Ctrl-C. */
public final class LocalMain {
    private LocalMain() {
    }

    public static void main(String[] args) throws Exception {
        // the console is for alerts and credentials; -Dorg.slf4j.simpleLogger.defaultLogLevel=info shows the rest
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(LocalOptions.HELP);
            return;
        }
        if (Arrays.asList(args).contains("--version")) {
            System.out.println("cronwatch " + version());
            return;
        }
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalSystem system;
        try {
            // before the emulators start: a port in use is known in a few milliseconds, not seconds
            if (options.port() != 0) checkFree(options.port());
            system = new LocalSystem(options, System.out);
        } catch (BindException e) {
            fail("port " + options.port() + " on 127.0.0.1 is in use (another cronwatch-local?); stop it, or choose"
                    + " another with --port");
            return;
        } catch (DataDirLock.InUseException e) {
            fail(e.getMessage());
            return;
        } catch (Exception | Error e) {
            // LocalSystem has stopped the emulators it started; their leftover threads must not keep the JVM up
            fail("could not start: " + e);
            return;
        }
        PrintStream console = System.out;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.println("cronwatch: stopping (applying accepted check-ins first)");
            system.close();
            console.println("cronwatch: stopped");
        }, "shutdown"));
        console.print(banner(version(), options, system.credentials()));
        Thread.currentThread().join();
    }

    /** What the start prints: where it runs and the tenant to use, the project by id and by slug as URLs take it. */
    static String banner(String version, LocalOptions options, LocalCredentials c) {
        return """
                cronwatch %s is running on %s (%s clock, data in %s)
                  organization  %s
                  project       %s (%s)
                  DSN           %s
                  token         %s
                  ping key      %s
                  API key       %s (Healthchecks API v3, X-Api-Key)
                  (also in %s)
                A Healthchecks ping (its check is made by the first one):
                  curl -fsS -m 10 --retry 5 -o /dev/null "%s?create=1"
                Ctrl-C stops it.
                %n""".formatted(version, c.baseUrl(), options.manualClock() ? "manual" : "real",
                options.inMemory() ? "memory" : options.dataDir().toAbsolutePath().normalize(),
                c.organization(), c.projectId(), c.projectSlug(), c.dsn(), c.token(), c.pingKey(), c.apiKey(),
                options.dataDir().resolve(LocalCredentials.FILE), c.pingUrl("my-job"));
    }

    /** One line on standard error and a non-zero exit (the emulators' threads must not keep the JVM up). */
    private static void fail(String message) {
        System.err.println("cronwatch: " + message);
        System.exit(1);
    }

    private static void checkFree(int port) throws BindException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (BindException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's version, put into version.properties by the build. */
    static String version() {
        try (InputStream in = LocalMain.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
