package io.facteur.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Archive.IntegrityReport;
import io.facteur.api.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (tagged {@code benchmark}, left out of {@code mvn install}): verify against
 * a bare in-process read + SHA-256 of the same files, reported as a ratio (target >= 0.8). Run with
 * {@code mvn -pl bundles/io.facteur.archive test -Dgroups=benchmark -Darchive.excludedGroups=none};
 * size with {@code -Dfacteur.archive.bench.mb=...} (default 128 MB in 256 KB documents).
 */
@org.junit.jupiter.api.Tag("benchmark")
class VerifyBenchmarkTest {
    @TempDir Path root;

    @Test
    void verifyAgainstABareReadAndHash() throws IOException {
        int megabytes = Integer.getInteger("facteur.archive.bench.mb", 128);
        int size = 256 * 1024;
        int count = megabytes * 4;
        FileArchive archive = new FileArchive(root, 1 << 20, Clock.systemUTC());
        Random random = new Random(42);
        byte[] content = new byte[size];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            random.nextBytes(content);
            archive.store(
                    "bench",
                    "inv-" + i + "/original",
                    new Document("i.pdf", "application/pdf", content.clone()),
                    LocalDate.of(2036, 1, 1));
            if (i % 500 == 499) {
                archive.seal("bench");
            }
        }
        archive.seal("bench");
        double storeSeconds = (System.nanoTime() - start) / 1e9;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root.resolve("bench").resolve("blobs"))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSize(count);
        double bare = Double.MAX_VALUE;
        double verify = Double.MAX_VALUE;
        IntegrityReport report = null;
        byte[] buffer = new byte[1 << 20];
        for (int round = 0; round < 15; round++) {
            long t0 = System.nanoTime();
            long bytes = 0;
            for (Path file : files) {
                bytes += Hashes.ofFile(file, buffer).size();
            }
            bare = Math.min(bare, (System.nanoTime() - t0) / 1e9);
            assertThat(bytes).isEqualTo((long) count * size);
            long t1 = System.nanoTime();
            report = archive.verify("bench");
            verify = Math.min(verify, (System.nanoTime() - t1) / 1e9);
            assertThat(report.problems()).isEmpty();
        }
        double mb = (double) count * size / (1024 * 1024);
        System.out.printf(
                "archive bench: %d documents, %.0f MB; store %.1f docs/s; bare read+SHA-256 %.0f MB/s;"
                        + " verify %.0f MB/s (%d entries, %d seals); ratio %.2f%n",
                count,
                mb,
                count / storeSeconds,
                mb / bare,
                mb / verify,
                report.entriesChecked(),
                report.sealsChecked(),
                bare / verify);
        System.out.printf(
                "verify / bare read+SHA-256: %.2fx, target >= 0.8x: %s%n",
                bare / verify, bare / verify >= 0.8 ? "MET" : "NOT MET");
    }
}
