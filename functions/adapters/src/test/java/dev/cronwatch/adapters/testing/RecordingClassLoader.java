package dev.cronwatch.adapters.testing;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test's class path in a loader whose parent is the platform's: every class and resource of the
 * class path that code run through it asks for is its own, loaded afresh and recorded, so that what a
 * cold start would load can be told apart from what other tests of the same JVM loaded.
 */
public final class RecordingClassLoader extends URLClassLoader {
    private final Set<String> classes = ConcurrentHashMap.newKeySet();
    private final Set<String> resources = ConcurrentHashMap.newKeySet();

    public RecordingClassLoader() {
        super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    /** A new instance of {@code type}, as this loader defines it, cast to an interface both loaders share. */
    public <T> T newInstance(Class<?> type, Class<T> as) throws ReflectiveOperationException {
        return as.cast(loadClass(type.getName()).getConstructor().newInstance());
    }

    public Set<String> classes() {
        return Set.copyOf(classes);
    }

    public Set<String> resources() {
        return Set.copyOf(resources);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        classes.add(name);
        return super.loadClass(name, resolve);
    }

    @Override
    public URL findResource(String name) {
        resources.add(name);
        return super.findResource(name);
    }

    private static URL[] classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(entry -> {
            try {
                return Path.of(entry).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(URL[]::new);
    }
}
