package dev.cronwatch.local;

import java.util.function.UnaryOperator;

/** Local mode's seam filled with the e2e suite's fault switches. */
final class FaultSeam {
    private FaultSeam() {
    }

    static LocalSystem.Seam of(InjectedFaults faults) {
        return new LocalSystem.Seam(faults::queue, faults::topic, faults::processor, UnaryOperator.identity(),
                faults::tickEnded);
    }
}
