package io.facteur.delivery.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.facteur.api.DeliveryChannel;
import io.facteur.api.DeliveryChannel.Receipt;
import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.eclipse.angus.activation.MailcapRegistryProviderImpl;
import org.eclipse.angus.mail.smtp.SMTPProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OSGi trap of Jakarta Mail, reproduced with one class loader per bundle as Karaf wires them:
 * this bundle's own loader does not see Angus Mail's and Angus Activation's {@code META-INF}
 * (service files, mailcap), {@link MailClassLoader} does, and a mail goes out with the thread's
 * context class loader set to nothing useful.
 */
class BundleClassLoadingTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
                    .withConfiguration(
                            GreenMailConfiguration.aConfig()
                                    .withUser("facteur@facteur.test", "facteur", "s3cret")
                                    .withUser("bounces@facteur.test", "bounces", "s3cret"));

    private static BundleLoader activationApi;
    private static BundleLoader mailApi;
    private static BundleLoader angusActivation;
    private static BundleLoader angusMail;
    private static BundleLoader facteurMail;

    @BeforeAll
    static void wireBundles() {
        ClassLoader app = BundleClassLoadingTest.class.getClassLoader();
        activationApi =
                new BundleLoader(
                        "jakarta.activation-api",
                        BundleLoader.contentOf(DataHandler.class),
                        Map.of());
        mailApi =
                new BundleLoader(
                        "jakarta.mail-api",
                        BundleLoader.contentOf(Session.class),
                        Map.of("jakarta.activation.", activationApi));
        angusActivation =
                new BundleLoader(
                        "angus-activation",
                        BundleLoader.contentOf(MailcapRegistryProviderImpl.class),
                        Map.of("jakarta.activation.", activationApi));
        angusMail =
                new BundleLoader(
                        "org.eclipse.angus.mail",
                        BundleLoader.contentOf(SMTPProvider.class),
                        Map.of("jakarta.mail.", mailApi, "jakarta.activation.", activationApi));
        // the packages bnd imports (see the manifest), and nothing else
        Map<String, ClassLoader> imports = new HashMap<>();
        for (String p :
                new String[] {"jakarta.mail", "jakarta.mail.internet", "jakarta.mail.util"}) {
            imports.put(p, mailApi);
        }
        imports.put("jakarta.activation", activationApi);
        imports.put("org.eclipse.angus.activation", angusActivation);
        imports.put("org.eclipse.angus.mail.smtp", angusMail);
        imports.put("org.eclipse.angus.mail.imap", angusMail);
        imports.put("io.facteur.api.", app);
        imports.put("org.slf4j", app);
        facteurMail =
                new BundleLoader(
                        "io.facteur.delivery.mail",
                        BundleLoader.contentOf(MailChannel.class),
                        imports);
    }

    private static ClassLoader mailClassLoader() throws Exception {
        Constructor<?> c =
                facteurMail.loadClass(MailClassLoader.class.getName()).getDeclaredConstructor();
        c.setAccessible(true);
        return (ClassLoader) c.newInstance();
    }

    @Test
    void theBundleAloneDoesNotSeeTheMailProviders() throws Exception {
        assertThat(
                        Collections.list(
                                facteurMail.getResources(
                                        "META-INF/services/jakarta.mail.util.StreamProvider")))
                .isEmpty();
        assertThat(Collections.list(facteurMail.getResources("META-INF/mailcap"))).isEmpty();
        Class<?> streamProvider = mailApi.loadClass("jakarta.mail.util.StreamProvider");
        assertThat(ServiceLoader.load(streamProvider, facteurMail).iterator().hasNext()).isFalse();
    }

    @Test
    void theMailClassLoaderSeesEveryProviderAsTheApiBundlesKnowThem() throws Exception {
        ClassLoader loader = mailClassLoader();
        assertThat(loader.getClass().getClassLoader()).isSameAs(facteurMail);

        for (String api :
                new String[] {
                    "jakarta.mail.util.StreamProvider", "jakarta.mail.Provider",
                }) {
            Class<?> service = mailApi.loadClass(api);
            Iterator<?> found = ServiceLoader.load(service, loader).iterator();
            assertThat(found.hasNext()).as(api).isTrue();
            assertThat(service.isInstance(found.next())).as(api).isTrue();
        }
        Class<?> mailcapRegistry =
                activationApi.loadClass("jakarta.activation.spi.MailcapRegistryProvider");
        assertThat(ServiceLoader.load(mailcapRegistry, loader).iterator().hasNext()).isTrue();
        assertThat(Collections.list(loader.getResources("META-INF/mailcap"))).isNotEmpty();
        Class<?> handler = loader.loadClass("org.eclipse.angus.mail.handlers.multipart_mixed");
        assertThat(handler.getClassLoader()).isSameAs(angusMail);
    }

    @Test
    void aMailGoesOutFromTheBundleWhateverTheCallersContextClassLoader() throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put("smtpHost", "127.0.0.1");
        values.put("smtpPort", GREEN_MAIL.getSmtp().getPort());
        values.put("smtpSecurity", "NONE");
        values.put("smtpUser", "facteur");
        values.put("_smtpPassword", "s3cret");
        values.put("senderAddress", "noreply@facteur.test");
        values.put("bounceAddress", "bounces@facteur.test");
        Class<?> settingsType = facteurMail.loadClass(MailSettings.class.getName());
        Object settings = Settings.of(settingsType, values);
        DeliveryChannel channel =
                (DeliveryChannel)
                        facteurMail
                                .loadClass(MailChannel.class.getName())
                                .getConstructor(settingsType)
                                .newInstance(settings);
        assertThat(channel.getClass().getClassLoader()).isSameAs(facteurMail);

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        Receipt receipt;
        try {
            receipt = channel.send(Deliveries.invoice("dlv-osgi").delivery());
        } finally {
            thread.setContextClassLoader(previous);
        }

        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
        assertThat(GREEN_MAIL.getReceivedMessages()[0].getMessageID())
                .isEqualTo(receipt.reference());
    }

    @Test
    void bouncesAreReadFromTheBundleWhateverTheCallersContextClassLoader() throws Exception {
        GREEN_MAIL
                .getUserManager()
                .getUser("bounces")
                .deliver(BounceParserTest.resource("postfix-5.1.1.eml"));
        Map<String, Object> values = new HashMap<>();
        values.put("imapHost", "127.0.0.1");
        values.put("imapPort", GREEN_MAIL.getImap().getPort());
        values.put("imapTls", false);
        values.put("imapUser", "bounces");
        values.put("_imapPassword", "s3cret");
        values.put("bounceAddress", "bounces@facteur.test");
        values.put("pollSeconds", 86_400);
        Class<?> settingsType = facteurMail.loadClass(MailSettings.class.getName());
        Class<?> readerType = facteurMail.loadClass(BounceReader.class.getName());
        Object reader =
                readerType
                        .getConstructor(settingsType)
                        .newInstance(Settings.of(settingsType, values));
        Method stop = readerType.getDeclaredMethod("stop");
        stop.setAccessible(true);
        stop.invoke(reader);
        RecordingReports reports = new RecordingReports(Set.of("dlv-postfix"));
        Field field = readerType.getDeclaredField("reports");
        field.setAccessible(true);
        field.set(reader, reports);
        Method poll = readerType.getDeclaredMethod("poll");
        poll.setAccessible(true);

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            assertThat(poll.invoke(reader)).isEqualTo(1);
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertThat(reports.bounced)
                .extracting(RecordingReports.Call::reference)
                .containsExactly("dlv-postfix");
    }
}
