package dev.cronwatch.local;

import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.dynamo.TableDefinition;
import dev.cronwatch.emulators.DynamoDbLocal;
import dev.cronwatch.handlers.OperatorCommands;
import dev.cronwatch.handlers.Wiring;
import dev.cronwatch.handlers.usecases.Ports;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * {@code cronwatch-admin --data-dir <dir> …}: the operator's commands on local mode's database, opened
 * directly (the same SQLite file local mode keeps, whether or not local mode is running).
 */
public final class LocalAdmin {
    private LocalAdmin() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** The exit status: 0 done, 1 refused or no data, 2 usage. */
    static int run(PrintStream out, PrintStream err, String... args) {
        if (args.length < 2 || !args[0].equals("--data-dir")) {
            err.println(OperatorCommands.USAGE);
            return 2;
        }
        if (args.length > 2 && args[2].equals("test-alert")) {
            err.println("cronwatch-admin: test-alert needs --stack (it publishes to the deployed stack's topic;"
                    + " local mode's alerts are listed at GET /_local/notifications)");
            return 2;
        }
        Path db = Path.of(args[1]).resolve(Emulators.DATABASE_FILE);
        if (!Files.isRegularFile(db)) {
            err.println("cronwatch-admin: no local mode data in " + args[1] + " (start cronwatch-local there once)");
            return 1;
        }
        AmazonDynamoDBLocal dynamo = DynamoDbLocal.embedded(db);
        try {
            TableDefinition.createIfMissing(dynamo.dynamoDbClient(), Backends.TABLE);
            Ports ports = Wiring.builder(Settings.forTable(Emulators.REGION, Backends.TABLE, null), Clock.systemUTC())
                    .connections(Connections.of(dynamo.dynamoDbClient(), null, null)).build().ports();
            return OperatorCommands.main(ports.tenants(), ports.clock(), out, err, Arrays.copyOfRange(args, 2, args.length));
        } finally {
            dynamo.shutdown();
        }
    }
}
