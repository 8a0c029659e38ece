package io.facteur.itests;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots the built Facteur distribution under Pax Exam and talks to it the way users do: HTTP with
 * the admin's credentials or an API key, Karaf shell commands, features and bundles installed at
 * runtime. Like Karaf's own KarafTestSupport, one place for all integration tests.
 */
public abstract class FacteurTestSupport {
    protected static final String ADMIN = "admin";
    protected static final String PASSWORD = "admin";
    protected static final ObjectMapper JSON = new ObjectMapper();

    @Inject protected BundleContext bundleContext;
    @Inject protected SessionFactory sessionFactory;
    @Inject protected FeaturesService featuresService;
    @Inject protected ConfigurationAdmin configAdmin;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService shell = Executors.newCachedThreadPool();

    /** Runs outside the container: unpacks the distribution with free ports. */
    @Configuration
    public Option[] config() {
        String distribution = System.getProperty("facteur.distribution");
        String repo =
                System.getProperty(
                        "maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        String karaf = System.getProperty("karaf.version");
        String httpPort = freePort();
        List<Option> options =
                new ArrayList<>(
                        List.of(
                                karafDistributionConfiguration()
                                        .frameworkUrl(new File(distribution).toURI().toString())
                                        .name("Facteur")
                                        .unpackDirectory(new File("target/exam"))
                                        .useDeployFolder(false),
                                configureConsole().ignoreLocalConsole(),
                                logLevel(LogLevel.INFO),
                                systemTimeout(120_000),
                                // the probe waits 10 s for Pax Exam's injector by default: on a
                                // loaded 2-core machine the boot features can take longer
                                systemProperty(
                                                "org.ops4j.pax.exam.invoker.junit.internal"
                                                        + ".JUnitProbeInvokerFactory.DEFAULT_TIMEOUT")
                                        .value("180000"),
                                systemProperty("pax.exam.service.timeout").value("180000"),
                                editConfigurationFilePut(
                                        "etc/org.ops4j.pax.web.cfg",
                                        "org.osgi.service.http.port",
                                        httpPort),
                                editConfigurationFilePut(
                                        "etc/system.properties", "facteur.http.port", httpPort),
                                editConfigurationFilePut(
                                        "etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                                editConfigurationFilePut(
                                        "etc/org.ops4j.pax.url.mvn.cfg",
                                        "org.ops4j.pax.url.mvn.localRepository",
                                        repo),
                                editConfigurationFilePut(
                                        "etc/system.properties",
                                        "facteur.version",
                                        System.getProperty("facteur.version")),
                                editConfigurationFilePut(
                                        "etc/system.properties",
                                        "facteur.fixture.jar",
                                        System.getProperty("facteur.fixture.jar")),
                                editConfigurationFilePut(
                                        "etc/system.properties",
                                        "facteur.corpus",
                                        System.getProperty("facteur.corpus")),
                                // a realm user who is not an admin of Facteur
                                editConfigurationFilePut(
                                        "etc/users.properties", "clerk", "clerk,viewer")));
        if (Boolean.getBoolean("facteur.itest.keep")) {
            options.add(keepRuntimeFolder());
        }
        // what bin/karaf passes to a Java 9+ JVM; Pax Exam starts the JVM itself
        for (String arg :
                List.of(
                        "--add-reads=java.xml=java.logging",
                        "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                        "--patch-module",
                        "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karaf + ".jar",
                        "--patch-module",
                        "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karaf + ".jar",
                        "--add-opens",
                        "java.base/java.security=ALL-UNNAMED",
                        "--add-opens",
                        "java.base/java.net=ALL-UNNAMED",
                        "--add-opens",
                        "java.base/java.lang=ALL-UNNAMED",
                        "--add-opens",
                        "java.base/java.util=ALL-UNNAMED",
                        "--add-opens",
                        "java.naming/javax.naming.spi=ALL-UNNAMED",
                        "--add-opens",
                        "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                        "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                        "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                        "-classpath",
                        "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*",
                        "-Djdk.util.zip.disableZip64ExtraFieldValidation=true")) {
            options.add(vmOption(arg));
        }
        return options.toArray(new Option[0]);
    }

    private static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return String.valueOf(socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the REST API answers healthy. */
    @Before
    public void waitForApi() throws Exception {
        answering();
        // capabilities that join the application late make the whiteboard redeploy it once (404s
        // for a moment): the API counts as up when it still answers a few seconds later
        Thread.sleep(3000);
        answering();
    }

    private void answering() throws Exception {
        // health answers as soon as the application is up; the other resources join it one by one
        waitFor(
                () ->
                        get("/api/health").status() == 200
                                && get("/api/dossiers").status() == 200
                                && get("/api/capabilities").status() == 200
                                && get("/facteur/ui/index.html").status() == 200,
                // a loaded 2-core machine may take more than a minute to start every feature
                180_000,
                "the API and the pages to answer");
    }

    protected String baseUrl() {
        return "http://localhost:" + System.getProperty("facteur.http.port");
    }

    /** An HTTP answer. */
    public record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    protected Answer get(String path) throws Exception {
        return send("GET", path, null, basic(ADMIN, PASSWORD));
    }

    protected Answer send(String method, String path, String json, String authorization)
            throws Exception {
        return send(method, path, json, authorization, null);
    }

    protected Answer send(
            String method, String path, String json, String authorization, String language)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (language != null) {
            b.header("Accept-Language", language);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r.headers());
    }

    protected Answer admin(String method, String path, String json) throws Exception {
        return send(method, path, json, basic(ADMIN, PASSWORD));
    }

    protected static String basic(String user, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates a dossier through the API. */
    protected void createDossier(String id) throws Exception {
        Answer a =
                admin(
                        "POST",
                        "/api/dossiers",
                        "{\"id\":\""
                                + id
                                + "\",\"name\":\"Dossier "
                                + id
                                + "\",\"country\":\"FR\"}");
        if (a.status() != 201) {
            fail("Dossier " + id + " not created: " + a.status() + " " + a.body());
        }
    }

    /** Runs a Karaf shell command as the admin and returns what it printed. */
    protected String executeCommand(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(ADMIN));
        subject.getPrincipals().add(new RolePrincipal("admin"));
        subject.getPrincipals().add(new RolePrincipal("manager"));
        subject.getPrincipals().add(new RolePrincipal("viewer"));
        FutureTask<Object> task =
                new FutureTask<>(
                        () ->
                                Subject.doAs(
                                        subject,
                                        (PrivilegedExceptionAction<Object>)
                                                () -> session.execute(command)));
        shell.submit(task);
        try {
            task.get(60, TimeUnit.SECONDS);
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Polls a condition; fails with what it waited for. */
    protected static void waitFor(Callable<Boolean> condition, long millis, String what)
            throws Exception {
        long end = System.currentTimeMillis() + millis;
        Exception last = null;
        while (System.currentTimeMillis() < end) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Timed out waiting for " + what, last);
    }
}
