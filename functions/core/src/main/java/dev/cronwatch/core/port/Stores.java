package dev.cronwatch.core.port;

/** The ports of the one table, for the composition root to hand each service the ones it uses. */
public record Stores(DecisionStore decisions, AlertOutbox outbox, ManagementStore management,
                     ProcessingErrorLog errors) {
}
