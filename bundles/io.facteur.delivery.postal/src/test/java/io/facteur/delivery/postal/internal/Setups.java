package io.facteur.delivery.postal.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** Print setups and a fixed clock for the tests. */
final class Setups {

    static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-28T09:30:00Z"), ZoneId.of("Europe/Paris"));

    private Setups() {}

    static PrintSetup din(Path folder) {
        return setup(folder, AddressWindow.LEFT_DIN_5008_B, false);
    }

    static PrintSetup setup(Path folder, AddressWindow window, boolean duplex) {
        return new PrintSetup(folder, window, true, duplex, false, 20, 20L * 1024 * 1024);
    }

    static PostalChannel channel(PrintSetup setup) {
        return new PostalChannel(setup, CLOCK);
    }
}
