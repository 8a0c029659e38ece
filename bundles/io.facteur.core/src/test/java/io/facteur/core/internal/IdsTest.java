package io.facteur.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsAreVersion7UuidsThatSortByCreationTimeAsText() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(Ids.next());
            if (i % 10 == 0) {
                Thread.sleep(2);
            }
        }
        for (String id : ids) {
            UUID u = UUID.fromString(id);
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(id).hasSize(36);
        }
        assertThat(new HashSet<>(ids)).hasSize(50);
        // ids of different milliseconds sort by time
        String early = Ids.of(1_000_000L, -1L, -1L).toString();
        String late = Ids.of(1_000_001L, 0L, 0L).toString();
        assertThat(early.compareTo(late)).isNegative();
        assertThat(UUID.fromString(early).getMostSignificantBits() >>> 16).isEqualTo(1_000_000L);
    }
}
