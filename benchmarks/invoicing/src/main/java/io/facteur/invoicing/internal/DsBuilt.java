package io.facteur.invoicing.internal;

import io.facteur.adapterkit.Components;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;

/**
 * Components the kit's {@link Components} leaves out because their constructor takes a
 * configuration (a component property type) or a {@link BundleContext}, built as Declarative
 * Services builds them: each annotation parameter answers the given properties, else its declared
 * defaults; the bundle context answers framework properties (such as {@code karaf.data}) and
 * nothing else. Enough for the PDF/A validator (defaults) and the legal archive (its folder).
 */
final class DsBuilt {

    private DsBuilt() {}

    /** What Components provides, then the unavailable ones of that service, configured so. */
    static <T> List<T> provide(
            Components components, Class<T> service, Map<String, Object> properties) {
        List<T> found = new ArrayList<>(components.provide(service));
        for (String name : components.unavailable().keySet()) {
            Class<?> type;
            try {
                type = Class.forName(name, false, DsBuilt.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                continue;
            }
            if (service.isAssignableFrom(type)) {
                found.add(service.cast(build(type, properties)));
            }
        }
        return found;
    }

    private static Object build(Class<?> type, Map<String, Object> properties) {
        for (Constructor<?> constructor : type.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            Object[] arguments = new Object[parameters.length];
            boolean buildable = parameters.length > 0;
            for (int i = 0; i < parameters.length && buildable; i++) {
                if (parameters[i].isAnnotation()) {
                    arguments[i] = configuration(parameters[i], properties);
                } else if (parameters[i] == BundleContext.class) {
                    arguments[i] = bundleContext(properties);
                } else {
                    buildable = false;
                }
            }
            if (buildable) {
                try {
                    return constructor.newInstance(arguments);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot build " + type.getName(), e);
                }
            }
        }
        throw new IllegalStateException(type.getName() + " has no constructor DS could call");
    }

    private static Object configuration(Class<?> annotation, Map<String, Object> properties) {
        return Proxy.newProxyInstance(
                annotation.getClassLoader(),
                new Class<?>[] {annotation},
                (proxy, method, args) -> {
                    if (properties.containsKey(method.getName())) {
                        return properties.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> annotation;
                        case "toString" -> "configuration " + properties;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new IllegalStateException("no " + method.getName());
                    };
                });
    }

    private static BundleContext bundleContext(Map<String, Object> properties) {
        return (BundleContext)
                Proxy.newProxyInstance(
                        BundleContext.class.getClassLoader(),
                        new Class<?>[] {BundleContext.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("getProperty")) {
                                Object value = properties.get((String) args[0]);
                                return value == null ? null : value.toString();
                            }
                            if (method.getName().equals("toString")) {
                                return "bundle context of the benchmark";
                            }
                            throw new UnsupportedOperationException(method.getName());
                        });
    }
}
