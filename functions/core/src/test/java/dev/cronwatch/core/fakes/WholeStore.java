package dev.cronwatch.core.fakes;

import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.AlertOutbox;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.ProcessingErrorLog;
import dev.cronwatch.core.port.Stores;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Every port of the table in one object, with the reads only tests make: what a test that writes
 * through one port and checks through another holds.
 */
public interface WholeStore extends DecisionStore, AlertOutbox, ManagementStore, ProcessingErrorLog {

    /** The attachment stored for a check-in (nothing in the product reads one back). */
    Optional<Attachment> attachment(MonitorKey monitor, String checkInId);

    default Page<CheckIn> checkIns(MonitorKey monitor, String environment, String cursor, int limit) {
        return checkInsSince(monitor, environment, null, cursor, limit);
    }

    /** This one object as each of the ports. */
    default Stores stores() {
        return new Stores(this, this, this, this);
    }

    /** The ports of {@code stores} as one object; attachments are read back through {@code attachments}. */
    static WholeStore of(Stores stores, BiFunction<MonitorKey, String, Optional<Attachment>> attachments) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) return InvocationHandler.invokeDefault(proxy, method, args);
            if (method.getDeclaringClass() == WholeStore.class) {
                return attachments.apply((MonitorKey) args[0], (String) args[1]);
            }
            if (method.getDeclaringClass() == Object.class) return objectMethod(proxy, method, args, stores);
            try {
                return method.invoke(portOf(method, stores), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (WholeStore) Proxy.newProxyInstance(WholeStore.class.getClassLoader(),
                new Class<?>[] {WholeStore.class}, handler);
    }

    private static Object portOf(Method method, Stores stores) {
        Class<?> port = method.getDeclaringClass();
        if (port == DecisionStore.class) return stores.decisions();
        if (port == AlertOutbox.class) return stores.outbox();
        if (port == ManagementStore.class) return stores.management();
        if (port == ProcessingErrorLog.class) return stores.errors();
        throw new IllegalStateException("no port declares " + method);
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Stores stores) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "WholeStore" + stores;
        };
    }
}
