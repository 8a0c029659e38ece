package io.facteur.invoicing.internal;

import io.facteur.adapterkit.Components;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The components of a service that the kit's {@link Components} leaves out because their
 * constructor takes a configuration (a component property type, such as the PDF/A validator's
 * settings), built as Declarative Services builds them when no configuration exists: each
 * annotation parameter answers its declared defaults. Configuration-optional components run that
 * way in Facteur until an administrator configures them.
 */
final class DefaultConfigured {

    private DefaultConfigured() {}

    /** What Components provides, then the unavailable components built with their defaults. */
    static <T> List<T> provide(Components components, Class<T> service) {
        List<T> found = new ArrayList<>(components.provide(service));
        for (String name : components.unavailable().keySet()) {
            Class<?> type;
            try {
                type = Class.forName(name, false, DefaultConfigured.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                continue; // a component named otherwise than its class
            }
            if (service.isAssignableFrom(type)) {
                found.add(service.cast(withDefaults(type)));
            }
        }
        return found;
    }

    private static Object withDefaults(Class<?> type) {
        for (Constructor<?> constructor : type.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length > 0 && Arrays.stream(parameters).allMatch(Class::isAnnotation)) {
                Object[] arguments =
                        Arrays.stream(parameters).map(DefaultConfigured::defaults).toArray();
                try {
                    return constructor.newInstance(arguments);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot build " + type.getName(), e);
                }
            }
        }
        throw new IllegalStateException(
                type.getName() + " has no constructor taking only its configuration");
    }

    private static Object defaults(Class<?> annotation) {
        return Proxy.newProxyInstance(
                annotation.getClassLoader(),
                new Class<?>[] {annotation},
                (proxy, method, args) -> {
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> annotation;
                        case "toString" -> "defaults of " + annotation.getName();
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default ->
                                throw new IllegalStateException(
                                        annotation.getName()
                                                + "."
                                                + method.getName()
                                                + " has no default");
                    };
                });
    }
}
