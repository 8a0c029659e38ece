package io.facteur.channel.mail.internal;

import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.angus.activation.MailcapRegistryProviderImpl;
import org.eclipse.angus.mail.imap.IMAPProvider;

/**
 * The thread context class loader for Jakarta Mail calls. Jakarta Mail and Activation find their
 * implementations (stream provider, mailcap registry, content handlers) through {@code
 * ServiceLoader} and {@code META-INF} resources of the context class loader; in Karaf each of Angus
 * Mail, Angus Activation and this bundle has its own class loader and none of them sees the others'
 * {@code META-INF}. This loader sees all of them, so that no OSGi service-loader mediator is
 * needed. In a flat class path all are the same loader and it changes nothing.
 */
final class MailClassLoader extends ClassLoader {

    private final List<ClassLoader> delegates;

    MailClassLoader() {
        super(MailClassLoader.class.getClassLoader());
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        for (Class<?> c :
                List.of(
                        IMAPProvider.class,
                        MailcapRegistryProviderImpl.class,
                        Session.class,
                        DataHandler.class)) {
            ClassLoader l = c.getClassLoader();
            if (l != null && l != getParent()) {
                loaders.add(l);
            }
        }
        this.delegates = List.copyOf(loaders);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader l : delegates) {
            try {
                return l.loadClass(name);
            } catch (ClassNotFoundException e) {
                // the next one may have it
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader l : delegates) {
            URL url = l.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (ClassLoader l : delegates) {
            urls.addAll(Collections.list(l.getResources(name)));
        }
        return Collections.enumeration(urls);
    }

    /** Runs the action with this loader as the thread's context class loader. */
    <T, E extends Exception> T run(MailAction<T, E> action) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(this);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A mail call that may throw its own checked exception. */
    @FunctionalInterface
    interface MailAction<T, E extends Exception> {
        T call() throws E;
    }
}
