package dev.cronwatch.handlers;

import java.lang.reflect.Method;
import org.slf4j.MDC;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;

/**
 * slf4j-simple, the tests' logger, keeps no MDC; the deployed provider keeps one per thread. A test
 * of what log lines carry runs with the deployed kind in place meanwhile.
 */
final class DeployedMdc {
    private DeployedMdc() {
    }

    static void during(Runnable test) throws ReflectiveOperationException {
        Method setAdapter = MDC.class.getDeclaredMethod("setMDCAdapter", MDCAdapter.class);
        setAdapter.setAccessible(true);
        MDCAdapter before = MDC.getMDCAdapter();
        setAdapter.invoke(null, new BasicMDCAdapter());
        try {
            test.run();
        } finally {
            setAdapter.invoke(null, before);
        }
    }
}
