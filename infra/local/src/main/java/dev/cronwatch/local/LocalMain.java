package dev.cronwatch.local;

import java.io.PrintStream;

/** {@code ./cronwatch-local}: starts the local system and runs until Ctrl-C. */
public final class LocalMain {
    private LocalMain() {
    }

    public static void main(String[] args) throws Exception {
        // the console is for alerts and credentials; -Dorg.slf4j.simpleLogger.defaultLogLevel=info shows the rest
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream console = System.out;
        LocalSystem system = new LocalSystem(options, console);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.println("cronwatch: stopping (applying accepted check-ins first)");
            system.close();
            console.println("cronwatch: stopped");
        }, "shutdown"));
        LocalCredentials c = system.credentials();
        console.printf("""
                cronwatch is running on %s (%s clock, data in %s)
                  organization  %s
                  project       %s
                  DSN           %s
                  token         %s
                  (also in %s)
                Ctrl-C stops it.
                %n""", c.baseUrl(), options.manualClock() ? "manual" : "real",
                options.inMemory() ? "memory" : options.dataDir().toAbsolutePath().normalize(),
                c.organization(), c.projectId(), c.dsn(), c.token(), options.dataDir().resolve(LocalCredentials.FILE));
        Thread.currentThread().join();
    }
}
