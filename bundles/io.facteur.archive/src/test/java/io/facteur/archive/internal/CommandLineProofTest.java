package io.facteur.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Archive.MerkleStep;
import io.facteur.api.Archive.Proof;
import io.facteur.api.Archive.Seal;
import io.facteur.api.Document;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks proofs and exports with sha256sum and openssl only, as the README tells a third party. */
class CommandLineProofTest {
    @TempDir Path root;
    @TempDir Path work;

    static String run(Path dir, String script) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder("bash", "-c", script)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.trim();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The shell a third party runs: every step with sha256sum or openssl. */
    static String script(Proof proof, Path original) {
        Seal seal = proof.seal().orElseThrow();
        String line = proof.journalLine();
        String sealLine = seal.line();
        StringBuilder s = new StringBuilder("set -e\n");
        // 1. the document's bytes have the hash of the proof
        s.append("test \"$(sha256sum ")
                .append(quote(original.toString()))
                .append(" | cut -d' ' -f1)\" = ")
                .append(proof.sha256())
                .append('\n');
        // 2. the journal line names that hash, and its entryHash is the SHA-256 of its prefix
        s.append("line=").append(quote(line)).append('\n');
        s.append("test \"$(printf '%s' \"$line\" | cut -f5)\" = ")
                .append(proof.sha256())
                .append('\n');
        s.append(
                "test \"$(printf '%s' \"${line%\t*}\" | sha256sum | cut -d' ' -f1)\" = \"${line##*\t}\"\n");
        // 3. the Merkle path from entryHash leads to the seal's root
        s.append("h=${line##*\t}\n");
        for (MerkleStep step : proof.path()) {
            String pair = "L".equals(step.side()) ? step.hash() + "${h}" : "${h}" + step.hash();
            s.append("h=$(printf \"$(printf '%s' ")
                    .append(pair)
                    .append(
                            " | sed 's/../\\\\x&/g')\" | openssl dgst -sha256 -r | cut -d' ' -f1)\n");
        }
        s.append("seal=").append(quote(sealLine)).append('\n');
        s.append("test \"$h\" = \"$(printf '%s' \"$seal\" | cut -f5)\"\n");
        // 4. the seal's hash is the SHA-256 of its prefix
        s.append(
                "test \"$(printf '%s' \"${seal%\t*}\" | openssl dgst -sha256 -r | cut -d' ' -f1)\" = \"${seal##*\t}\"\n");
        s.append("echo ok\n");
        return s.toString();
    }

    @Test
    void proofsAreCheckedWithSha256sumAndOpenssl() throws Exception {
        FileArchive archive = FileArchiveTest.archive(root);
        for (int i = 1; i <= 13; i++) {
            archive.store(
                    "acme",
                    "inv-" + i + "/original",
                    FileArchiveTest.doc("<Invoice n='" + i + "'/>"),
                    LocalDate.of(2036, 1, 1));
        }
        archive.seal("acme");
        for (int i : new int[] {1, 6, 12, 13}) {
            Proof proof = archive.proof("acme", "inv-" + i + "/original").orElseThrow();
            Path original = work.resolve("inv-" + i + ".xml");
            Files.write(
                    original, archive.retrieve("acme", proof.documentId()).orElseThrow().content());
            assertThat(run(work, script(proof, original))).isEqualTo("ok");
        }
        // and a forged path does not pass
        Proof proof = archive.proof("acme", "inv-6/original").orElseThrow();
        MerkleStep first = proof.path().get(0);
        Proof forged =
                new Proof(
                        proof.documentId(),
                        proof.sha256(),
                        proof.size(),
                        proof.journalLine(),
                        proof.entryHash(),
                        List.of(new MerkleStep(first.side(), Hashes.sha256Hex("x"))),
                        proof.seal());
        Path original = work.resolve("inv-6.xml");
        Process p =
                new ProcessBuilder("bash", "-c", script(forged, original))
                        .redirectErrorStream(true)
                        .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isNotZero();
    }

    @Test
    void anExportIsVerifiedOutsideTheArchive() throws Exception {
        FileArchive archive = FileArchiveTest.archive(root);
        for (int i = 1; i <= 5; i++) {
            archive.store(
                    "acme",
                    "inv-" + i + "/original",
                    new Document(
                            "inv" + i + ".xml",
                            "application/xml",
                            ("<I n='" + i + "'/>").getBytes()),
                    LocalDate.of(2036, 1, 1));
        }
        archive.seal("acme");
        archive.store(
                "acme",
                "inv-6/original",
                FileArchiveTest.doc("<I n='6'/>"),
                LocalDate.of(2036, 1, 1));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        archive.export("acme", zip);
        Path unpacked = work.resolve("export");
        unzip(new ByteArrayInputStream(zip.toByteArray()), unpacked);
        assertThat(unpacked.resolve("metadata.json")).exists();
        assertThat(Files.readString(unpacked.resolve("metadata.json")))
                .contains("\"documentId\":\"inv-3/original\"")
                .contains("\"fileName\":\"inv3.xml\"");
        // every blob's name is its sha256sum; every journaled hash has its blob
        assertThat(
                        run(
                                unpacked,
                                "set -e; n=0; for f in blobs/*/*; do test \"$(sha256sum $f | cut -d' ' -f1)\" = \"$(basename $f)\"; n=$((n+1)); done;"
                                        + " cut -f5 journal.log | while read h; do test -f blobs/${h:0:2}/$h; done; echo $n"))
                .isEqualTo("6");
        // the chain, checked line by line with sha256sum
        assertThat(
                        run(
                                unpacked,
                                "set -e; prev=$(printf '0%.0s' $(seq 64)); while IFS= read -r l; do"
                                        + " f=\"${l%\t*}\"; test \"$(printf '%s' \"$f\" | sha256sum | cut -d' ' -f1)\" = \"${l##*\t}\";"
                                        + " test \"${f##*\t}\" = \"$prev\"; prev=\"${l##*\t}\"; done < journal.log; echo chained"))
                .isEqualTo("chained");
        // the export verifies as a whole, and its damage is found as in the archive
        assertThat(new Verifier(unpacked).run().problems()).isEmpty();
        Files.writeString(unpacked.resolve("journal.log"), "");
        assertThat(new Verifier(unpacked).run().problems()).hasSize(6);
    }

    static void unzip(InputStream in, Path target) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                assertThat(file.startsWith(target)).isTrue();
                Files.createDirectories(file.getParent());
                Files.copy(zip, file);
            }
        }
    }
}
