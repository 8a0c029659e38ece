package io.facteur.adapterkit;

import io.facteur.api.xml.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Declarative Services components of the bundles on a plain class path, found as the OSGi
 * runtime finds them (the {@code Service-Component} manifest header and its XML descriptors) and
 * built as it builds them (constructor, field and bind-method references), so that the kit uses
 * every reader, writer and validator the project's bundles register, including ones added later,
 * without naming them. Components that need a configuration are not built and are listed with the
 * reason.
 */
public final class Components {

    private static final String SCR_NS_PREFIX = "http://www.osgi.org/xmlns/scr/";

    private final ClassLoader loader;
    private final Map<String, Element> descriptors = new LinkedHashMap<>();
    private final Map<String, Object> instances = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    private Components(ClassLoader loader) {
        this.loader = loader;
    }

    /** The components declared by the bundles on the class path of this loader. */
    public static Components of(ClassLoader loader) {
        Components components = new Components(loader);
        components.load();
        return components;
    }

    /** The components declared by the bundles on the kit's own class path. */
    public static Components onClassPath() {
        return of(Components.class.getClassLoader());
    }

    /** One instance of every component that provides this service, in class path order. */
    public synchronized <T> List<T> provide(Class<T> service) {
        List<T> found = new ArrayList<>();
        for (String name : providers(service.getName())) {
            Object instance = instance(name);
            if (instance != null) {
                found.add(service.cast(instance));
            }
        }
        return found;
    }

    /** Components that could not be built, with the reason (name to reason). */
    public synchronized Map<String, String> unavailable() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
    }

    private void load() {
        try {
            for (URL url : Collections.list(loader.getResources("META-INF/MANIFEST.MF"))) {
                String header;
                try (InputStream in = url.openStream()) {
                    header = new Manifest(in).getMainAttributes().getValue("Service-Component");
                }
                if (header == null || header.isBlank()) {
                    continue;
                }
                String base = url.toString();
                base = base.substring(0, base.length() - "META-INF/MANIFEST.MF".length());
                for (String path : header.split(",")) {
                    readDescriptor(new URL(base + path.strip()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the class path's bundle manifests", e);
        }
    }

    private void readDescriptor(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            org.w3c.dom.Document xml = SafeXml.parse(in.readAllBytes());
            Element root = xml.getDocumentElement();
            List<Element> components =
                    "component".equals(root.getLocalName())
                            ? List.of(root)
                            : children(root, "component");
            for (Element component : components) {
                descriptors.putIfAbsent(component.getAttribute("name"), component);
            }
        } catch (io.facteur.api.UnreadableInvoiceException e) {
            throw new IOException("Bad component descriptor " + url + ": " + e.getMessage(), e);
        }
    }

    private List<String> providers(String service) {
        List<String> names = new ArrayList<>();
        descriptors.forEach(
                (name, component) -> {
                    for (Element provide : descendants(component, "provide")) {
                        if (service.equals(provide.getAttribute("interface"))) {
                            names.add(name);
                            break;
                        }
                    }
                });
        return names;
    }

    private Object instance(String name) {
        if (instances.containsKey(name)) {
            return instances.get(name);
        }
        if (unavailable.containsKey(name)) {
            return null;
        }
        instances.put(name, null); // a reference cycle finds null instead of recursing forever
        try {
            Object built = build(descriptors.get(name));
            instances.put(name, built);
            return built;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            instances.remove(name);
            unavailable.put(name, e.toString());
            return null;
        }
    }

    private Object build(Element component) throws ReflectiveOperationException {
        if ("require".equals(component.getAttribute("configuration-policy"))) {
            throw new IllegalStateException("needs a configuration");
        }
        Element implementation = descendants(component, "implementation").get(0);
        Class<?> type = Class.forName(implementation.getAttribute("class"), true, loader);
        List<Element> references = descendants(component, "reference");
        int init =
                component.hasAttribute("init")
                        ? Integer.parseInt(component.getAttribute("init"))
                        : 0;
        Object[] arguments = new Object[init];
        for (Element reference : references) {
            if (reference.hasAttribute("parameter")) {
                arguments[Integer.parseInt(reference.getAttribute("parameter"))] =
                        service(reference);
            }
        }
        Object instance = constructor(type, init).newInstance(arguments);
        for (Element reference : references) {
            if (reference.hasAttribute("field")) {
                Field field = field(type, reference.getAttribute("field"));
                field.setAccessible(true);
                field.set(instance, service(reference));
            } else if (reference.hasAttribute("bind")) {
                throw new IllegalStateException(
                        "bind-method references are not supported: "
                                + reference.getAttribute("bind"));
            }
        }
        return instance;
    }

    private Object service(Element reference) {
        String cardinality = reference.getAttribute("cardinality");
        List<Object> services = new ArrayList<>();
        for (String provider : providers(reference.getAttribute("interface"))) {
            Object instance = instance(provider);
            if (instance != null) {
                services.add(instance);
            }
        }
        if (cardinality.endsWith("..n")) {
            return new java.util.concurrent.CopyOnWriteArrayList<>(services);
        }
        if (services.isEmpty() && !cardinality.startsWith("0")) {
            throw new IllegalStateException(
                    "no service " + reference.getAttribute("interface") + " on the class path");
        }
        return services.isEmpty() ? null : services.get(0);
    }

    private static Constructor<?> constructor(Class<?> type, int parameters)
            throws NoSuchMethodException {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == parameters) {
                constructor.setAccessible(true);
                return constructor;
            }
        }
        throw new NoSuchMethodException(type.getName() + " with " + parameters + " parameters");
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                    && localName.equals(e.getLocalName())
                    && String.valueOf(e.getNamespaceURI()).startsWith(SCR_NS_PREFIX)) {
                found.add(e);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName("*");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }
}
