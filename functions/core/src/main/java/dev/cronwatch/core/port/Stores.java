package dev.cronwatch.core.port;

/** The ports of the one table, for the composition root to hand each service the ones it uses. */
public record Stores(DecisionStore decisions, AlertOutbox outbox, ManagementStore management,
                     ProcessingErrorLog errors) {

    /** One object that keeps every port (a fake of the whole table). */
    public static <T extends DecisionStore & AlertOutbox & ManagementStore & ProcessingErrorLog> Stores of(T all) {
        return new Stores(all, all, all, all);
    }
}
