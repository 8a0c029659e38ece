package io.facteur.delivery.postal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drop folder takes a job whole or not at all, and each job once. */
class FolderDropTest {

    @TempDir Path folder;

    @Test
    void theJobIsItsPdfAndItsManifestWithNoTemporaryFileLeft() throws Exception {
        FolderDrop drop = new FolderDrop(folder);
        assertThat(drop.handOver(job("j-1", "pdf one"))).isEqualTo(PrintDrop.Outcome.HANDED_OVER);

        assertThat(names()).containsExactly("j-1.json", "j-1.pdf");
        assertThat(Files.readString(folder.resolve("j-1.pdf"))).isEqualTo("pdf one");
        assertThat(Files.readString(folder.resolve("j-1.json")))
                .contains("\"sha256\" : \"" + PrintFile.sha256(bytes("pdf one")) + "\"");
    }

    @Test
    void theSameJobTwiceIsHandedOverOnce() throws Exception {
        FolderDrop drop = new FolderDrop(folder);
        drop.handOver(job("j-1", "pdf one"));
        assertThat(drop.handOver(job("j-1", "pdf one"))).isEqualTo(PrintDrop.Outcome.ALREADY_THERE);
        assertThatThrownBy(() -> drop.handOver(job("j-1", "pdf two")))
                .isInstanceOf(PrintDrop.Conflict.class);
        assertThat(Files.readString(folder.resolve("j-1.pdf"))).isEqualTo("pdf one");
    }

    @Test
    void aManifestFacteurDidNotWriteIsAConflict() throws Exception {
        Files.writeString(folder.resolve("j-1.json"), "{ not json");
        assertThatThrownBy(() -> new FolderDrop(folder).handOver(job("j-1", "pdf one")))
                .isInstanceOf(PrintDrop.Conflict.class)
                .hasMessageContaining("not one Facteur wrote");
    }

    @Test
    void unsafeIdsAreNoJobs() {
        for (String id : new String[] {"..", "a/../b", "/abs", "a\\b", "", ".x", "a b", "a\nb"}) {
            assertThat(PrintDrop.PrintJob.isValidId(id)).as(id).isFalse();
        }
        assertThat(PrintDrop.PrintJob.isValidId("2026-11_dlv.7")).isTrue();
    }

    private static PrintDrop.PrintJob job(String id, String content) {
        byte[] pdf = bytes(content);
        String hash = PrintFile.sha256(pdf);
        return new PrintDrop.PrintJob(id, pdf, hash, Map.of("pdf", Map.of("sha256", hash)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> names() throws Exception {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
