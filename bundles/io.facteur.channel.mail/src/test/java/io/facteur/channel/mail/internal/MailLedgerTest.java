package io.facteur.channel.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The channel's tables on a real Derby database. */
class MailLedgerTest {
    @RegisterExtension final TestDerby derby = new TestDerby();

    private static MailLedger.Rejected row(String dossier, String subject) {
        return new MailLedger.Rejected(
                0, dossier, "a@b.example", subject, "<id>", Reason.NO_INVOICE, "d", Instant.now());
    }

    @Test
    void tablesAreCreatedOnceAndRecordsAreIdempotent() throws Exception {
        MailLedger ledger = new MailLedger(derby.dataSource());
        ledger.create();
        ledger.create();

        assertThat(ledger.imported("k1")).isFalse();
        ledger.recordImported("k1", "acme", "<id>", 2);
        ledger.recordImported("k1", "acme", "<id>", 2);
        assertThat(ledger.imported("k1")).isTrue();

        ledger.recordRejected("r1", row("acme", "first"));
        ledger.recordRejected("r1", row("acme", "first again"));
        ledger.recordRejected("r2", row(null, "second"));
        ledger.recordRejected("r3", row("globex", "x".repeat(1000)));

        assertThat(ledger.rejected(null, 10))
                .extracting(MailLedger.Rejected::dossier)
                .containsExactly("globex", null, "acme");
        assertThat(ledger.rejected(null, 10).get(0).subject()).hasSize(255).endsWith("\u2026");
        assertThat(ledger.rejected("acme", 10))
                .singleElement()
                .satisfies(r -> assertThat(r.subject()).isEqualTo("first"));
        assertThat(ledger.rejected(null, 1)).hasSize(1);
    }
}
