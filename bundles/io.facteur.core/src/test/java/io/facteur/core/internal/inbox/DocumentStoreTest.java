package io.facteur.core.internal.inbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentStoreTest {
    private static final long LIMIT = 1024;

    @TempDir Path root;
    private DocumentStore store;

    @BeforeEach
    void store() throws IOException {
        store = new DocumentStore(root);
    }

    @Test
    void theSameBytesTwiceAreStoredOnceUnderTheSameSha() throws IOException {
        DocumentStore.Stored first = store(bytes("invoice 1"));
        DocumentStore.Stored second = store(bytes("invoice 1"));

        assertThat(second).isEqualTo(first);
        assertThat(first.size()).isEqualTo(9);
        assertThat(files()).containsExactly(store.path(first.sha256()));
    }

    @Test
    void differentBytesAreTwoFiles() throws IOException {
        DocumentStore.Stored one = store(bytes("invoice 1"));
        DocumentStore.Stored two = store(bytes("invoice 2"));

        assertThat(one.sha256()).isNotEqualTo(two.sha256());
        assertThat(files())
                .containsExactlyInAnyOrder(store.path(one.sha256()), store.path(two.sha256()));
    }

    @Test
    void theShaIsTheSha256OfTheBytes() throws IOException {
        assertThat(store(bytes("abc")).sha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aStreamOverTheLimitThrowsTheGivenExceptionAndLeavesNoFile() throws IOException {
        byte[] tooBig = new byte[(int) LIMIT + 1];

        assertThatThrownBy(
                        () ->
                                store.store(
                                        new ByteArrayInputStream(tooBig),
                                        LIMIT,
                                        () -> new IllegalStateException("too big")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("too big");
        assertThat(files()).isEmpty();
    }

    @Test
    void aStreamOfExactlyTheLimitIsStored() throws IOException {
        DocumentStore.Stored stored = store(new byte[(int) LIMIT]);

        assertThat(stored.size()).isEqualTo(LIMIT);
        assertThat(files()).hasSize(1);
    }

    @Test
    void readReturnsTheStoredBytes() throws IOException {
        byte[] content = bytes("<Invoice>42</Invoice>");

        assertThat(store.read(store(content).sha256())).isEqualTo(content);
    }

    @Test
    void pathRefusesWhatIsNotASha256() {
        assertThatThrownBy(() -> store.path("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read("ABCDEF" + "0".repeat(58)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.path("0".repeat(63)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private DocumentStore.Stored store(byte[] content) throws IOException {
        return store.store(
                new ByteArrayInputStream(content), LIMIT, () -> new IllegalStateException("limit"));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
