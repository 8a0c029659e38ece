package io.facteur.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTest {
    @Test
    void streamingRootEqualsLevelRootAndEveryPathLeadsToIt() {
        for (int n = 1; n <= 70; n++) {
            List<byte[]> leaves = new ArrayList<>();
            Merkle.Builder builder = new Merkle.Builder();
            for (int i = 0; i < n; i++) {
                byte[] leaf = Hashes.sha256().digest(("leaf" + i).getBytes());
                leaves.add(leaf);
                builder.add(leaf);
            }
            byte[] root = Merkle.root(leaves);
            assertThat(Hashes.hex(builder.root())).as("n=%d", n).isEqualTo(Hashes.hex(root));
            for (int i = 0; i < n; i++) {
                assertThat(Hashes.hex(Merkle.apply(leaves.get(i), Merkle.path(leaves, i))))
                        .as("n=%d i=%d", n, i)
                        .isEqualTo(Hashes.hex(root));
            }
        }
    }

    @Test
    void threeLeavesFollowTheDocumentedShape() {
        byte[] a = Hashes.sha256().digest("a".getBytes());
        byte[] b = Hashes.sha256().digest("b".getBytes());
        byte[] c = Hashes.sha256().digest("c".getBytes());
        byte[] expected = Merkle.node(Merkle.node(a, b), c);
        assertThat(Merkle.root(List.of(a, b, c))).isEqualTo(expected);
        assertThat(Merkle.path(List.of(a, b, c), 2)).extracting(s -> s.side()).containsExactly("L");
    }
}
