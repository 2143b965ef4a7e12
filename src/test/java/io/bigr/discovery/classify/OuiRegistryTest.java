package io.bigr.discovery.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/DOMAIN.md §4.3: override table first, then the bundled IEEE snapshot; null for unknown or empty. */
class OuiRegistryTest {
    private static final OuiRegistry OUI = OuiRegistry.bundled();

    static Stream<Arguments> overrides() {
        return Stream.of(
                Arguments.of("00:1a:1e", "Aruba Networks"), Arguments.of("00:0c:29", "VMware"),
                Arguments.of("00:50:56", "VMware"), Arguments.of("00:1b:44", "SanDisk"),
                Arguments.of("00:17:c5", "SonicWall"), Arguments.of("00:1e:bd", "Cisco"),
                Arguments.of("00:26:cb", "Cisco"), Arguments.of("00:1f:9e", "Cisco"), Arguments.of("00:23:69", "Cisco"),
                Arguments.of("00:25:84", "Cisco"), Arguments.of("28:c6:3f", "Cisco Meraki"),
                Arguments.of("00:18:0a", "Juniper"), Arguments.of("00:05:85", "Juniper"),
                Arguments.of("00:1f:12", "Juniper"), Arguments.of("d4:04:ff", "Juniper"),
                Arguments.of("70:b3:d5", "MikroTik"), Arguments.of("00:0c:42", "MikroTik"),
                Arguments.of("48:8f:5a", "MikroTik"), Arguments.of("e4:8d:8c", "MikroTik"),
                Arguments.of("64:d1:54", "MikroTik"), Arguments.of("a4:14:37", "Hikvision"),
                Arguments.of("c0:56:e3", "Hikvision"), Arguments.of("44:19:b6", "Hikvision"),
                Arguments.of("54:c4:15", "Hikvision"), Arguments.of("bc:ad:28", "Hikvision"),
                Arguments.of("40:ed:98", "Hikvision"), Arguments.of("c4:2f:90", "Dahua"),
                Arguments.of("3c:ef:8c", "Dahua"), Arguments.of("a0:bd:1d", "Dahua"),
                Arguments.of("00:00:48", "Seiko Epson"), Arguments.of("00:1b:a9", "Brother"),
                Arguments.of("00:1e:8f", "Canon"), Arguments.of("00:15:99", "HP Printing"),
                Arguments.of("a4:5d:36", "HP Printing"), Arguments.of("ac:de:48", "Apple"),
                Arguments.of("3c:22:fb", "Apple"), Arguments.of("f0:18:98", "Apple"), Arguments.of("a8:60:b6", "Apple"),
                Arguments.of("00:1a:a0", "Dell"), Arguments.of("14:fe:b5", "Dell"), Arguments.of("f8:b1:56", "Dell"),
                Arguments.of("54:bf:64", "Dell"), Arguments.of("00:21:cc", "Lenovo"), Arguments.of("58:20:b1", "Lenovo"),
                Arguments.of("7c:7a:91", "Lenovo"), Arguments.of("e8:6a:64", "Samsung"),
                Arguments.of("a0:82:1f", "Samsung"), Arguments.of("00:26:37", "Samsung"));
    }

    @ParameterizedTest
    @MethodSource("overrides")
    void everyOverrideWinsOverTheSnapshot(String prefix, String vendor) {
        assertThat(OUI.lookup(prefix + ":12:34:56")).isEqualTo(vendor);
    }

    @Test
    void overrideTableHasExactlyTheSpecRows() {
        assertThat(OuiRegistry.OVERRIDES).hasSize(48);
    }

    @Test
    void snapshotRowsAreTheIeeeRegistryVerbatim() {
        assertThat(OUI.snapshotVendor("00:50:56:aa:bb:cc")).isEqualTo("VMware, Inc.");
        assertThat(OUI.snapshotVendor("a4:14:37:00:11:22")).isEqualTo("Hangzhou Hikvision Digital Technology Co.,Ltd.");
        assertThat(OUI.snapshotVendor("00:1e:bd:aa:bb:cc")).isEqualTo("Cisco Systems, Inc");
        assertThat(OUI.snapshotVendor("3c:22:fb:00:00:00")).isEqualTo("Apple, Inc.");
        // the overrides deliberately disagree with the registry for some prefixes
        assertThat(OUI.snapshotVendor("00:21:cc:00:00:00")).isEqualTo("Flextronics International");
        assertThat(OUI.snapshotVendor("ac:de:48:00:00:00")).isEqualTo("Private");
        // not overridden: the registry answers through lookup()
        assertThat(OUI.lookup("54:1f:8d:00:00:01")).isEqualTo("zte corporation");
        assertThat(OUI.lookup("00:00:00:00:00:01")).isEqualTo("XEROX CORPORATION");
        // duplicate prefix in the registry: the last row wins
        assertThat(OUI.lookup("08:00:30:00:00:01")).isEqualTo("CERN");
        assertThat(OUI.lookup("00:01:c8:00:00:01")).isEqualTo("CONRAD CORP.");
        assertThat(OUI.size()).isEqualTo(32_527);
    }

    @Test
    void macsAreNormalisedBeforeTheLookup() {
        assertThat(OUI.lookup("54-1F-8D-AA-BB-CC")).isEqualTo("zte corporation");
        assertThat(OUI.lookup("0:50:56:a:b:c")).isEqualTo("VMware");
        assertThat(OUI.lookup("A4:14:37:00:11:22")).isEqualTo("Hikvision");
    }

    @Test
    void unknownEmptyAndRandomisedMacsHaveNoVendor() {
        assertThat(OUI.lookup(null)).isNull();
        assertThat(OUI.lookup("")).isNull();
        assertThat(OUI.lookup("3e:aa:bb:cc:dd:ee")).as("randomised").isNull();
        assertThat(OUI.lookup("ba:11:22:33:44:55")).as("randomised").isNull();
        assertThat(OUI.lookup("fc:ff:ff:00:00:01")).as("unassigned").isNull();
        assertThat(OUI.lookup("not-a-mac")).isNull();
        assertThat(OUI.lookup("aabb.ccdd.eeff")).isNull();
        assertThat(OUI.lookup("00:50")).isNull();
    }

    @Test
    void aSnapshotFileCanBeLoadedAndLastRowWinsEvenUnsorted(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("oui.csv");
        Files.writeString(file, "prefix,vendor\nff:00:01,Second\nff:00:00,\"Acme, Inc.\"\nff:00:01,Third\n\n");
        OuiRegistry registry = OuiRegistry.fromSnapshot(file);
        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.lookup("ff:00:00:00:00:00")).isEqualTo("Acme, Inc.");
        assertThat(registry.lookup("ff:00:01:00:00:00")).isEqualTo("Third");
        assertThat(registry.lookup("00:50:56:00:00:00")).as("overrides still apply").isEqualTo("VMware");

        Files.writeString(file, "prefix,vendor\nzz:00:01,Bad\n");
        assertThatThrownBy(() -> OuiRegistry.fromSnapshot(file)).isInstanceOf(IOException.class)
                .hasMessageEndingWith("line 2: expected 'xx:xx:xx,vendor'");
        Files.writeString(file, "mac,name\n");
        assertThatThrownBy(() -> OuiRegistry.fromSnapshot(file)).hasMessageEndingWith("expected header 'prefix,vendor'");
    }
}
