package io.facteur.delivery.postal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Settings that cannot work are refused when the component starts. */
class SettingsTest {

    @Test
    void thePresetsFollowTheNorms() {
        AddressWindow b = AddressWindow.of("LEFT_DIN_5008_B", 0, 0, 0, 0, 0);
        assertThat(b.leftMm()).isEqualTo(20);
        assertThat(b.topMm()).isEqualTo(45);
        assertThat(b.widthMm()).isEqualTo(85);
        assertThat(b.heightMm()).isEqualTo(45);
        assertThat(b.addressTopMm()).isEqualTo(62.7);
        assertThat(AddressWindow.of("left_din_5008_a", 0, 0, 0, 0, 0).topMm()).isEqualTo(27);
        AddressWindow fr = AddressWindow.of("RIGHT_FR_DL", 0, 0, 0, 0, 0);
        assertThat(fr.onTheLeft()).isFalse();
        assertThat(b.onTheLeft()).isTrue();
        assertThat(AddressWindow.of("", 0, 0, 0, 0, 0)).isEqualTo(b);
    }

    @Test
    void aCustomWindowMustFitTheSheetAndSixLines() {
        assertThat(AddressWindow.of("CUSTOM", 30, 60, 90, 40, 10).addressTopMm()).isEqualTo(70);
        assertThatThrownBy(() -> AddressWindow.of("CUSTOM", 150, 45, 85, 45, 17.7))
                .hasMessageContaining("right edge");
        assertThatThrownBy(() -> AddressWindow.of("CUSTOM", 20, 45, 85, 30, 17.7))
                .hasMessageContaining("six address lines");
        assertThatThrownBy(() -> AddressWindow.of("CUSTOM", 2, 45, 85, 45, 17.7))
                .hasMessageContaining("left edge");
        assertThatThrownBy(() -> AddressWindow.of("CUSTOM", 20, 140, 85, 45, 17.7))
                .hasMessageContaining("middle");
        assertThatThrownBy(() -> AddressWindow.of("ROUND", 0, 0, 0, 0, 0))
                .hasMessageContaining("unknown window preset");
    }

    @Test
    void theDropFolderIsAbsoluteAndDefaultsUnderKarafData() {
        assertThat(PrintSetup.folder("", "/opt/facteur/data"))
                .isEqualTo(Path.of("/opt/facteur/data/facteur/print-outbox"));
        assertThat(PrintSetup.folder("${karaf.data}/print", "/opt/facteur/data"))
                .isEqualTo(Path.of("/opt/facteur/data/print"));
        assertThat(PrintSetup.folder(" /srv/print ", null)).isEqualTo(Path.of("/srv/print"));
        assertThatThrownBy(() -> PrintSetup.folder("", null)).hasMessageContaining("karaf.data");
        assertThatThrownBy(() -> PrintSetup.of(settings("print/outbox"), "/data"))
                .hasMessageContaining("absolute");
    }

    @Test
    void theSettingsBecomeASetup() {
        PrintSetup setup = PrintSetup.of(settings("/srv/print/../outbox"), "/data");
        assertThat(setup.dropFolder()).isEqualTo(Path.of("/srv/outbox"));
        assertThat(setup.window()).isEqualTo(AddressWindow.RIGHT_FR_DL);
        assertThat(setup.duplex()).isTrue();
        assertThat(setup.maxInvoicePages()).isEqualTo(200);
        assertThat(setup.maxInvoiceBytes()).isEqualTo(5L * 1024 * 1024);
    }

    private static PostalSettings settings(String folder) {
        return new PostalSettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PostalSettings.class;
            }

            @Override
            public String dropFolder() {
                return folder;
            }

            @Override
            public String window() {
                return "RIGHT_FR_DL";
            }

            @Override
            public double windowLeftMm() {
                return 0;
            }

            @Override
            public double windowTopMm() {
                return 0;
            }

            @Override
            public double windowWidthMm() {
                return 0;
            }

            @Override
            public double windowHeightMm() {
                return 0;
            }

            @Override
            public double addressOffsetMm() {
                return 0;
            }

            @Override
            public boolean returnLine() {
                return true;
            }

            @Override
            public boolean duplex() {
                return true;
            }

            @Override
            public boolean colour() {
                return false;
            }

            @Override
            public int maxInvoicePages() {
                return 5000;
            }

            @Override
            public int maxInvoiceMegabytes() {
                return 5;
            }
        };
    }
}
