package io.facteur.channel.mail.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Configuration annotations as Declarative Services builds them: the annotation's defaults, some of
 * them replaced by the given values (keyed by method name).
 */
final class Settings {

    private Settings() {}

    static MailImportSettings mail(Map<String, Object> values) {
        return of(MailImportSettings.class, values);
    }

    static <A> A of(Class<A> type, Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>(values);
        Object proxy =
                Proxy.newProxyInstance(
                        type.getClassLoader(),
                        new Class<?>[] {type},
                        (self, method, args) -> {
                            if (method.getDeclaringClass() == Object.class) {
                                return method.getName().equals("toString")
                                        ? type.getSimpleName() + copy
                                        : method.invoke(copy, args);
                            }
                            Object value = copy.get(method.getName());
                            return value != null ? value : method.getDefaultValue();
                        });
        return type.cast(proxy);
    }
}
