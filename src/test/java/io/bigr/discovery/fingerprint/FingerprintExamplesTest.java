package io.bigr.discovery.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The database's own discipline: every example of every bundled fingerprint matches its pattern and yields the
 * fields it states (one test case per example), and the bundled set has the coverage docs/DOMAIN.md §4.15 promises.
 */
class FingerprintExamplesTest {
    static Stream<Arguments> examples() {
        return Fingerprints.bundled().all().stream().flatMap(f -> f.examples().stream()
                .map(e -> Arguments.of(f.file() + " " + f.id() + ": " + e.text(), f, e)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleMatchesAndYieldsWhatItSays(String name, Fingerprint fp, Fingerprint.Example example) {
        Map<Field, String> got = fp.match(example.text()).orElse(null);
        assertThat(got).as("%s does not match '%s'", fp.id(), example.text()).isNotNull();
        assertThat(got).as("%s yields nothing from '%s'", fp.id(), example.text()).isNotEmpty();
        example.expect().forEach((field, value) -> assertThat(got.get(field)).as("%s.%s", fp.id(), field.value())
                .isEqualTo(value));
        assertThat(FingerprintFiles.check(fp, example)).isNull();
    }

    @Test
    void bundledCoverage() {
        Fingerprints.Coverage c = Fingerprints.bundled().coverage();
        assertThat(c.fingerprints()).isGreaterThanOrEqualTo(150);
        assertThat(c.examples()).isGreaterThanOrEqualTo(c.fingerprints());
        assertThat(c.deviceTypes()).contains("router", "firewall", "switch", "access_point", "server", "web_server",
                "database_server", "mail_server", "directory_server", "file_server", "nas", "hypervisor",
                "workstation", "laptop", "phone", "tablet", "printer", "camera", "nvr", "tv", "streamer", "speaker",
                "smart_plug", "hub", "sensor", "voip_phone", "ups", "pdu", "building_controller");
        assertThat(c.vendors()).contains("Cisco", "Juniper", "MikroTik", "Ubiquiti", "Fortinet",
                "Palo Alto Networks", "HPE", "Netgear", "TP-Link", "Zyxel", "AVM", "Synology", "QNAP", "VMware", "HP",
                "Brother", "Canon", "Epson", "Lexmark", "Xerox", "Ricoh", "Kyocera", "Hikvision", "Dahua", "Axis",
                "Hanwha Vision", "Samsung", "LG", "Sony", "Roku", "Google", "Apple", "Sonos", "Amazon", "Shelly",
                "Signify", "Yealink", "Polycom", "APC", "Eaton", "Siemens", "Schneider Electric", "Tridium");
        for (EvidenceKind k : EvidenceKind.values()) {
            assertThat(c.byKind().get(k).fingerprints()).as(k.value()).isPositive();
        }
    }

    /** A file added to the resources folder but not to the bundled list would silently never load. */
    @Test
    void everyResourceFileIsBundled() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/fingerprints"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).containsExactlyInAnyOrderElementsOf(FingerprintFiles.BUNDLED);
        }
    }
}
