package io.facteur.delivery.mail.internal;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

/**
 * A class loader that behaves like an OSGi bundle's for these tests: its own jar or folder, plus
 * the packages it imports from other "bundles" (classes only: their {@code META-INF} resources stay
 * invisible, as in Felix), plus the JDK.
 */
final class BundleLoader extends URLClassLoader {
    private final Map<String, ClassLoader> imports;

    /**
     * @param imports package (or package prefix ending with a dot) to the loader it comes from
     */
    BundleLoader(String name, URL content, Map<String, ClassLoader> imports) {
        super(name, new URL[] {content}, ClassLoader.getPlatformClassLoader());
        this.imports = imports;
    }

    /** The jar or folder a class was loaded from on the test class path. */
    static URL contentOf(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI().toURL();
        } catch (URISyntaxException | java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        int dot = name.lastIndexOf('.');
        String pkg = dot < 0 ? "" : name.substring(0, dot);
        for (Map.Entry<String, ClassLoader> e : imports.entrySet()) {
            String key = e.getKey();
            if (key.endsWith(".") ? (pkg + ".").startsWith(key) : pkg.equals(key)) {
                return e.getValue().loadClass(name);
            }
        }
        return super.loadClass(name, resolve);
    }
}
