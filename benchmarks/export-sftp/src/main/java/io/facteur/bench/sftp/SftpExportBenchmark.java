package io.facteur.bench.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import io.facteur.api.Document;
import io.facteur.api.ExportConnector.Export;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import io.facteur.export.sftp.internal.SftpConnector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * SFTP export speed: {@code bench.exports} (1000) exports of the corpus's CII files, sent (a) by a
 * bare JSch loop, one session and one {@code ChannelSftp} for the run, {@code put} of the bytes
 * under the file's name, and (b) by {@link SftpConnector#send} (settings checked, name from the
 * template, temporary name then rename, pooled session). Both write to the same local Apache MINA
 * SSHD server in this process, in folders of their own, in alternating slices; prints files/s and
 * the median ratio (b)/(a) against the target 0.8.
 *
 * <p>System properties: {@code bench.corpus} ({@code ../shared/corpus}), {@code bench.exports}
 * (1000), {@code bench.warmup} (2), {@code bench.rounds} (10), {@code bench.slice} (50).
 */
public final class SftpExportBenchmark {
    private static final double TARGET = 0.8;
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password";

    private SftpExportBenchmark() {}

    /** One side: sends a slice of exports. */
    private interface Side {
        void send(List<Export> exports) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(System.getProperty("bench.corpus", "../shared/corpus"));
        int count = Integer.getInteger("bench.exports", 1000);
        int warmup = Integer.getInteger("bench.warmup", 2);
        int rounds = Integer.getInteger("bench.rounds", 10);
        int slice = Math.max(1, Integer.getInteger("bench.slice", 50));
        Path root = Files.createTempDirectory("facteur-sftp-bench");
        Files.createDirectories(root.resolve("bare"));
        Files.createDirectories(root.resolve("connector"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair hostKey = generator.generateKeyPair();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((u, p, s) -> USER.equals(u) && PASSWORD.equals(p));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        // replies go out at once (-Dbench.serverNoDelay=false: MINA's default, Nagle's algorithm)
        CoreModuleProperties.TCP_NODELAY.set(
                server, Boolean.parseBoolean(System.getProperty("bench.serverNoDelay", "true")));
        server.start();
        SftpConnector connector = new SftpConnector();
        Map<String, Object> settings = new HashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", server.getPort());
        settings.put("user", USER);
        settings.put("password", PASSWORD);
        settings.put("remoteDirectory", "connector");
        settings.put(
                "hostKey", KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic()));
        List<Export> exports = exports(corpus, count, settings);
        long bytes = exports.stream().mapToLong(e -> e.document().size()).sum();
        JSch jsch = new JSch();
        Session session = jsch.getSession(USER, "127.0.0.1", server.getPort());
        session.setPassword(PASSWORD);
        session.setConfig("StrictHostKeyChecking", "no");
        session.connect(20_000);
        ChannelSftp bare = (ChannelSftp) session.openChannel("sftp");
        bare.connect(20_000);
        try {
            System.out.printf(
                    Locale.ROOT,
                    "SFTP export: %d exports of %d corpus CII files (%,d bytes in all) to MINA SSHD"
                            + " on 127.0.0.1:%d, slices of %d%n",
                    count,
                    exports.stream().map(e -> e.document().fileName()).distinct().count(),
                    bytes,
                    server.getPort(),
                    slice);
            Side a =
                    part -> {
                        for (Export e : part) {
                            bare.put(
                                    new ByteArrayInputStream(e.document().content()),
                                    "bare/" + e.invoice().number() + ".xml");
                        }
                    };
            Side b =
                    part -> {
                        for (Export e : part) {
                            connector.send(e);
                        }
                    };
            for (int i = 0; i < warmup; i++) {
                pair("warm-up " + (i + 1), root, exports, slice, a, b);
            }
            double[] rateA = new double[rounds];
            double[] rateB = new double[rounds];
            double[] ratios = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                double[] rates = pair("round " + (i + 1), root, exports, slice, a, b);
                rateA[i] = rates[0];
                rateB[i] = rates[1];
                ratios[i] = rates[1] / rates[0];
            }
            double median = median(ratios);
            System.out.printf(
                    Locale.ROOT,
                    "%n(a) bare JSch put loop: median %.0f files/s (min %.0f, max %.0f)%n"
                            + "(b) SftpConnector.send: median %.0f files/s (min %.0f, max %.0f)%n"
                            + "ratios (b)/(a): min %.3f, max %.3f%n"
                            + "median ratio (b)/(a): %.3f, target >= %.1f: %s%n",
                    median(rateA),
                    Arrays.stream(rateA).min().orElse(0),
                    Arrays.stream(rateA).max().orElse(0),
                    median(rateB),
                    Arrays.stream(rateB).min().orElse(0),
                    Arrays.stream(rateB).max().orElse(0),
                    Arrays.stream(ratios).min().orElse(0),
                    Arrays.stream(ratios).max().orElse(0),
                    median,
                    TARGET,
                    median >= TARGET ? "MET" : "NOT MET");
        } finally {
            bare.disconnect();
            session.disconnect();
            connector.close();
            server.stop(true);
            clear(root.resolve("bare"));
            clear(root.resolve("connector"));
            Files.deleteIfExists(root.resolve("bare"));
            Files.deleteIfExists(root.resolve("connector"));
            Files.deleteIfExists(root);
        }
    }

    /**
     * One round: every export sent by (a) and by (b), in alternating slices (a then b, then b then
     * a, ...); each side's time is the sum of its slices. Both folders must then hold every file,
     * byte for byte the same; they are emptied after the check, outside the timing.
     */
    private static double[] pair(
            String label, Path root, List<Export> exports, int slice, Side a, Side b)
            throws Exception {
        long timeA = 0;
        long timeB = 0;
        for (int from = 0, k = 0; from < exports.size(); from += slice, k++) {
            List<Export> part = exports.subList(from, Math.min(exports.size(), from + slice));
            if (k % 2 == 0) {
                timeA += time(part, a);
                timeB += time(part, b);
            } else {
                timeB += time(part, b);
                timeA += time(part, a);
            }
        }
        check(root, exports);
        double rateA = exports.size() / (timeA / 1e9);
        double rateB = exports.size() / (timeB / 1e9);
        System.out.printf(
                Locale.ROOT,
                "%-10s (a) bare %6.0f files/s   (b) connector %6.0f files/s   ratio %.3f%n",
                label,
                rateA,
                rateB,
                rateB / rateA);
        return new double[] {rateA, rateB};
    }

    private static long time(List<Export> part, Side side) throws Exception {
        long start = System.nanoTime();
        side.send(part);
        return System.nanoTime() - start;
    }

    private static void check(Path root, List<Export> exports) throws IOException {
        for (Export e : exports) {
            String name = e.invoice().number() + ".xml";
            byte[] bare = Files.readAllBytes(root.resolve("bare").resolve(name));
            byte[] sent = Files.readAllBytes(root.resolve("connector").resolve(name));
            if (!Arrays.equals(bare, e.document().content())
                    || !Arrays.equals(sent, e.document().content())) {
                throw new IllegalStateException("file " + name + " differs from the export");
            }
        }
        for (String side : List.of("bare", "connector")) {
            try (Stream<Path> files = Files.list(root.resolve(side))) {
                if (files.count() != exports.size()) {
                    throw new IllegalStateException(side + ": not exactly one file per export");
                }
            }
        }
        clear(root.resolve("bare"));
        clear(root.resolve("connector"));
    }

    private static void clear(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** {@code count} exports of the CII files of the corpus in turn, distinct invoice numbers. */
    private static List<Export> exports(Path corpus, int count, Map<String, Object> settings)
            throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(corpus.resolve("cii"))) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no CII file in " + corpus.resolve("cii"));
        }
        List<byte[]> contents = new ArrayList<>();
        for (Path f : files) {
            contents.add(Files.readAllBytes(f));
        }
        List<Export> exports = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int f = i % files.size();
            String number = String.format(Locale.ROOT, "INV-2026-%05d", i);
            Invoice invoice =
                    new Invoice(
                            number,
                            LocalDate.of(2026, 1, 1).plusDays(i % 365),
                            "380",
                            "EUR",
                            null,
                            "",
                            "",
                            new Party("ACME SARL", "", "", "", "", null),
                            new Party("Client", "", "", "", "", null),
                            List.of(),
                            List.of(),
                            null);
            exports.add(
                    new Export(
                            String.format(Locale.ROOT, "export-%08d-bench", i),
                            "dossier-bench",
                            "sftp",
                            "invoice-" + i,
                            invoice,
                            new Document(
                                    files.get(f).getFileName().toString(),
                                    "application/xml",
                                    contents.get(f)),
                            "original",
                            "xml",
                            settings));
        }
        return exports;
    }
}
