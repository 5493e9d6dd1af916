package dev.cronwatch.core.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * A program a test needs from the machine (chromium, systemd-analyze, …). Where it is missing the
 * test is skipped on a developer's machine, but fails under CI ({@code CI=true}): CI's setup installs
 * every such program, so a missing one is a broken install step, not a test to quietly stop running.
 */
public final class MachineTools {
    private MachineTools() {
    }

    /** Returns when {@code installed}; otherwise skips the test, or fails it under CI. */
    public static void require(boolean installed, String what) {
        require(installed, what, System.getenv("CI"));
    }

    static void require(boolean installed, String what, String ciVariable) {
        if (installed) return;
        if (underCi(ciVariable)) {
            throw new AssertionError(what + " is not installed, and under CI (CI=" + ciVariable + ") that is a failure, not a skip");
        }
        Assumptions.abort(what + " is not installed: skipped here (under CI=true this fails)");
    }

    /** CI services set {@code CI=true}; some set 1. */
    static boolean underCi(String ciVariable) {
        return ciVariable != null && (ciVariable.equalsIgnoreCase("true") || ciVariable.equals("1"));
    }
}
