package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A country team's path, in the running distribution: a new adapter project is generated from the
 * installed facteur-adapter-archetype and built by a nested Maven (offline, against the outer
 * build's local repository), its feature is hot-installed, its capability appears in {@code
 * /api/capabilities} with its Metatype (localized) and in the web console, and a customer of its
 * country receives an invoice in its form over SFTP (a real server, Apache MINA SSHD, started in
 * the container), the timeline naming the adapter.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdapterArchetypeIT extends FacteurTestSupport {

    /** The archetype plugin the archetype module builds with (its pom's archetype.version). */
    private static final String ARCHETYPE_PLUGIN =
            "org.apache.maven.plugins:maven-archetype-plugin:3.2.1:generate";

    // a country no adapter of the distribution serves (Peppol serves BE, NL, ...)
    private static final String COUNTRY = "AT";
    private static final String CAPABILITY = "adapter.at";
    private static final String GROUP = "io.facteur.itests.generated";
    private static final String ARTIFACT = "facteur-adapter-at";
    private static final String VERSION = "1.0.0-SNAPSHOT";
    private static final String PID = GROUP + ".at";

    private final HttpClient client = HttpClient.newHttpClient();
    private SshServer sshd;
    private Path sftpRoot;
    private Path work;

    /** Also hands the outer build's Maven and local repository to the container. */
    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String home = System.getProperty("maven.home", System.getenv("MAVEN_HOME"));
        options.add(
                editConfigurationFilePut(
                        "etc/system.properties",
                        "facteur.itest.maven.home",
                        home == null ? "" : home));
        options.add(
                editConfigurationFilePut(
                        "etc/system.properties",
                        "facteur.itest.maven.repo.local",
                        System.getProperty(
                                "maven.repo.local",
                                System.getProperty("user.home") + "/.m2/repository")));
        return options.toArray(new Option[0]);
    }

    @Before
    public void startSftpServer() throws Exception {
        work = Files.createTempDirectory("adapter-archetype");
        sftpRoot = Files.createTempDirectory("sftp-root");
        Files.createDirectories(sftpRoot.resolve("in"));
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(freePort());
        sshd.setKeyPairProvider(
                new SimpleGeneratorHostKeyProvider(
                        Files.createTempDirectory("sftp-key").resolve("host.ser")));
        sshd.setPasswordAuthenticator(
                (user, password, session) -> user.equals("compta") && password.equals("s3cret"));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        sshd.start();
    }

    @After
    public void cleanUp() throws Exception {
        if (sshd != null) {
            sshd.stop(true);
        }
        if (featuresService.getFeature(ARTIFACT) != null
                && featuresService.isInstalled(featuresService.getFeature(ARTIFACT))) {
            featuresService.uninstallFeature(ARTIFACT);
        }
        Path feature = project().resolve("target/feature/feature.xml");
        if (Files.exists(feature) && featuresService.getRepository(feature.toUri()) != null) {
            featuresService.removeRepository(feature.toUri());
        }
        delete(work);
        delete(sftpRoot);
        // what the nested build installed into the shared local repository
        Path installed = Path.of(repository()).resolve(GROUP.replace('.', '/'));
        delete(installed);
        try {
            Files.deleteIfExists(installed.getParent());
        } catch (DirectoryNotEmptyException used) {
            // io/facteur/itests holds other artifacts too
        }
    }

    @Test
    public void aGeneratedAdapterBuildsHotInstallsAndGivesItsCountrysCustomersTheirForm()
            throws Exception {
        long start = System.nanoTime();
        String facteur = System.getProperty("facteur.version");
        maven(
                work,
                ARCHETYPE_PLUGIN,
                "-DinteractiveMode=false",
                "-DarchetypeCatalog=local",
                "-DarchetypeGroupId=io.facteur",
                "-DarchetypeArtifactId=facteur-adapter-archetype",
                "-DarchetypeVersion=" + facteur,
                "-DgroupId=" + GROUP,
                "-DartifactId=" + ARTIFACT,
                "-Dversion=" + VERSION,
                "-Dpackage=" + PID,
                "-Dcountry=" + COUNTRY,
                "-Dcapability=" + CAPABILITY,
                "-Dlabel=Austria (EN 16931, UBL)",
                "-DfacteurVersion=" + facteur);
        assertTrue(Files.isRegularFile(project().resolve("pom.xml")));
        assertTrue(Files.isRegularFile(project().resolve("README.md")));
        maven(project(), "install", "-DskipTests");
        Path feature = project().resolve("target/feature/feature.xml");
        assertTrue(Files.isRegularFile(feature));
        System.out.printf(
                "AdapterArchetypeIT: generated and built in %d s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));

        // hot install into the running platform
        featuresService.addRepository(feature.toUri());
        featuresService.installFeature(ARTIFACT);
        waitFor(
                () -> get("/api/capabilities").body().contains("\"" + CAPABILITY + "\""),
                60_000,
                "the generated adapter in the registry");
        waitForApi();
        JsonNode capability = get("/api/capabilities/" + CAPABILITY).json();
        assertEquals(capability.toString(), "RECEIVER_ADAPTER", capability.get("kind").asText());

        // its Metatype, localized, through the API and in the web console
        Answer schema =
                send(
                        "GET",
                        "/api/capabilities/" + CAPABILITY + "/schema",
                        null,
                        basic(ADMIN, PASSWORD),
                        "fr");
        assertEquals(schema.body(), 200, schema.status());
        assertEquals(PID, schema.json().get("pid").asText());
        assertEquals("Austria (EN 16931, UBL)", schema.json().get("name").asText());
        assertTrue(schema.body(), schema.body().contains("\"dossier\""));
        assertTrue(schema.body(), schema.body().contains("Référence de l'acheteur par défaut"));
        Answer schemaDe =
                send(
                        "GET",
                        "/api/capabilities/" + CAPABILITY + "/schema",
                        null,
                        basic(ADMIN, PASSWORD),
                        "de");
        assertTrue(schemaDe.body(), schemaDe.body().contains("Standard-Käuferreferenz"));
        Answer console = get("/system/console/configMgr");
        assertEquals(200, console.status());
        assertTrue("the adapter's settings in the web console", console.body().contains(PID));

        // a dossier that allows receiver XML changes, a customer in that country
        createDossier("gen");
        Answer allowed =
                admin(
                        "PUT",
                        "/api/dossiers/gen/settings/dossier",
                        "{\"language\":\"en\",\"allowReceiverXmlChanges\":true}");
        assertEquals(allowed.body(), 200, allowed.status());
        Answer customer =
                admin(
                        "POST",
                        "/api/dossiers/gen/customers",
                        "{\"name\":\"LE CLIENT\",\"vatId\":\"FR 05 987 654 321\","
                                + "\"address\":{\"line1\":\"Ringstraße 1\",\"city\":\"Wien\","
                                + "\"postCode\":\"1010\",\"countryCode\":\""
                                + COUNTRY
                                + "\"}}");
        assertEquals(customer.body(), 201, customer.status());
        String path = sftpConnector();

        // an EN 16931 invoice of that customer, in the receiver's form
        String id = postInvoice("cii/factur-x-en16931.xml");
        Path file = sftpRoot.resolve("in").resolve("gen-" + id + ".xml");
        waitFor(() -> Files.exists(file), 90_000, "the adapted invoice on the SFTP server");
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(xml, xml.contains("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"));
        assertTrue(xml, xml.contains(">urn:cen.eu:en16931:2017<"));
        String timeline = get("/api/dossiers/gen/invoices/" + id + "?lang=en").body();
        assertTrue(timeline, timeline.contains("Adapted by " + CAPABILITY));
        JsonNode export = get(path + "/exports").json().get(0);
        assertEquals(export.toString(), "EXPORTED", export.get("state").asText());
        assertEquals("", PlatformIT.errorLines());
        System.out.printf(
                "AdapterArchetypeIT: whole path in %d s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    private Path project() {
        return work.resolve(ARTIFACT);
    }

    private static String repository() {
        String repo = System.getProperty("facteur.itest.maven.repo.local", "");
        return repo.isBlank() ? System.getProperty("user.home") + "/.m2/repository" : repo;
    }

    /** The mvn launcher of the outer build's Maven, else the first one on the PATH. */
    private static String mvn() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("facteur.itest.maven.home", "");
        if (!home.isBlank()) {
            candidates.add(Path.of(home, "bin", "mvn"));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "mvn"));
                }
            }
        }
        return candidates.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "No mvn found: set maven.home for the test JVM or put mvn"
                                                + " on the PATH"));
    }

    /** Runs an offline, quiet Maven build in this folder; fails with its output's end. */
    private static void maven(Path dir, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(mvn(), "-B", "-o", "-q"));
        command.add("-Dmaven.repo.local=" + repository());
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile("nested-maven", ".log");
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("Timed out: " + command + "\n" + tail(log));
            }
            assertEquals(command + "\n" + tail(log), 0, process.exitValue());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() > 8000 ? text.substring(text.length() - 8000) : text;
    }

    /** An active SFTP connector of dossier gen sending each invoice in its receiver's form. */
    private String sftpConnector() throws Exception {
        if (!featuresService.isInstalled(featuresService.getFeature("facteur-export-sftp"))) {
            featuresService.installFeature("facteur-export-sftp");
            waitForApi();
        }
        waitFor(
                () -> get("/api/capabilities").body().contains("\"export.sftp\""),
                60_000,
                "the SFTP connector kind in the registry");
        String base = "/api/dossiers/gen/connectors";
        Answer made =
                admin(
                        "POST",
                        base,
                        "{\"kind\":\"export.sftp\",\"name\":\"Kunde\",\"documents\":\"ALL\","
                                + "\"statuses\":[\"READY\"],\"format\":\"receiver\",\"settings\":{"
                                + sftpSettings()
                                + "}}");
        assertEquals(made.body(), 201, made.status());
        String path = base + "/" + made.json().get("id").asText();
        String fingerprint =
                admin("POST", path + "/test", "").json().get("confirm").get("hostKey").asText();
        Answer trusted =
                admin(
                        "PUT",
                        path,
                        "{\"settings\":{"
                                + sftpSettings()
                                + ",\"hostKey\":\""
                                + fingerprint
                                + "\"}}");
        assertEquals(trusted.body(), 200, trusted.status());
        JsonNode tested = admin("POST", path + "/test", "").json();
        assertTrue(tested.toString(), tested.get("success").asBoolean());
        assertEquals(200, admin("PUT", path, "{\"state\":\"ACTIVE\"}").status());
        return path;
    }

    private String sftpSettings() {
        return "\"host\":\"127.0.0.1\",\"port\":"
                + sshd.getPort()
                + ",\"user\":\"compta\",\"password\":\"s3cret\""
                + ",\"remoteDirectory\":\"in\",\"fileNameTemplate\":\"gen-{invoice}.{ext}\"";
    }

    private String postInvoice(String file) throws Exception {
        Path invoice = Path.of(System.getProperty("facteur.corpus"), file);
        HttpResponse<String> posted =
                client.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/dossiers/gen/invoices"))
                                .header("Authorization", basic(ADMIN, PASSWORD))
                                .header("Content-Type", "application/xml")
                                .POST(
                                        HttpRequest.BodyPublishers.ofByteArray(
                                                Files.readAllBytes(invoice)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(posted.body(), 202, posted.statusCode());
        return JSON.readTree(posted.body()).get("id").asText();
    }

    private static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
