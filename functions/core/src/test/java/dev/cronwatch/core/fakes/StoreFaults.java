package dev.cronwatch.core.fakes;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.MonitorKey;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Any store with faults put in its way: a hook runs before each read of a monitor's state and before
 * each commit, and may throw (a message that can never be applied) or change the store underneath
 * (a concurrent writer). Everything else goes straight through. A proxy rather than a class, so the
 * store's interface can grow without this following it.
 */
public final class StoreFaults {
    private StoreFaults() {
    }

    /** What to do before the two calls a decision is made of; both do nothing unless overridden. */
    public interface Hooks {
        default void beforeLoad(MonitorKey monitor, String environment) {
        }

        default void beforeCommit(Changes changes) {
        }
    }

    public static WholeStore wrap(WholeStore store, Hooks hooks) {
        return (WholeStore) Proxy.newProxyInstance(WholeStore.class.getClassLoader(),
                new Class<?>[] {WholeStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("load") && args != null && args.length == 2) {
                        hooks.beforeLoad((MonitorKey) args[0], (String) args[1]);
                    } else if (method.getName().equals("commit") && args != null && args.length == 1) {
                        hooks.beforeCommit((Changes) args[0]);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
