package io.bigr.discovery.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a user's fingerprint folder: every mistake is reported with its file and field. */
class FingerprintFilesTest {
    private static final String GOOD = """
            fingerprints:
              - id: acme-cam
                kind: http_server
                pattern: '^AcmeCam/([\\d.]+)'
                vendor: Acme
                version: '{1}'
                device_type: camera
                certainty: 0.8
                examples:
                  - text: 'AcmeCam/2.1'
                    version: '2.1'
            """;

    @TempDir
    Path dir;

    private String error(String yaml) throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), yaml, StandardCharsets.UTF_8);
        try {
            Fingerprints.load(dir);
        } catch (FingerprintException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an error for:\n" + yaml);
    }

    /** Start-up skips Bean Validation and the example checks for the bundled files; this is where they get them. */
    @Test
    void bundledFilesPassEveryCheckAUsersFilesGet() {
        List<Fingerprint> checked = FingerprintFiles.bundled(true);
        assertThat(checked).hasSizeGreaterThan(100);
        assertThat(FingerprintFiles.bundled()).map(f -> f.id() + " " + f.pattern().pattern() + " " + f.yields())
                .containsExactlyElementsOf(checked.stream()
                        .map(f -> f.id() + " " + f.pattern().pattern() + " " + f.yields()).toList());
    }

    @Test
    void aGoodFileLoadsAndExtendsTheBundledSet() throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), GOOD, StandardCharsets.UTF_8);
        Fingerprints db = Fingerprints.load(dir);
        assertThat(db.all()).hasSize(Fingerprints.bundled().all().size() + 1);
        Fingerprint acme = db.all().stream().filter(f -> f.id().equals("acme-cam")).findFirst().orElseThrow();
        assertThat(acme.file()).isEqualTo("acme.yaml");
        assertThat(acme.match("acmecam/3.0").orElseThrow()).containsEntry(Field.VERSION, "3.0")
                .containsEntry(Field.DEVICE_TYPE, "camera");
    }

    @Test
    void aUserEntryReplacesTheBundledOneWithItsId(@TempDir Path other) throws IOException {
        Files.writeString(other.resolve("mine.yml"), GOOD.replace("acme-cam", "hikvision-webs"),
                StandardCharsets.UTF_8);
        Fingerprints db = Fingerprints.load(other);
        assertThat(db.all()).hasSize(Fingerprints.bundled().all().size());
        assertThat(db.all().stream().filter(f -> f.id().equals("hikvision-webs")).findFirst().orElseThrow().file())
                .isEqualTo("mine.yml");
    }

    @Test
    void badRegexNamesFileAndField() throws IOException {
        assertThat(error(GOOD.replace("'^AcmeCam/([\\d.]+)'", "'^AcmeCam/([\\d.]+'")))
                .startsWith("acme.yaml: fingerprints[0].pattern: invalid regex '^AcmeCam/([\\d.]+': Unclosed group");
    }

    @Test
    void unknownFieldNamesFileAndField() throws IOException {
        assertThat(error(GOOD.replace("vendor: Acme", "vendr: Acme")))
                .startsWith("acme.yaml: fingerprints[0].vendr: unknown field (allowed: ")
                .contains("device_type", "os_version");
        assertThat(error(GOOD.replace("    version: '2.1'", "    versoin: '2.1'")))
                .startsWith("acme.yaml: fingerprints[0].examples[0].versoin: unknown field");
    }

    @Test
    void unknownDeviceTypeAndKindNameFileAndField() throws IOException {
        assertThat(error(GOOD.replace("device_type: camera", "device_type: cam")))
                .startsWith("acme.yaml: fingerprints[0].device_type: unknown device type 'cam' (expected one of "
                        + "router, firewall, switch,");
        assertThat(error(GOOD.replace("kind: http_server", "kind: http_header")))
                .startsWith("acme.yaml: fingerprints[0].kind: unknown evidence kind 'http_header' (expected one of "
                        + "ssh_banner, http_server,");
    }

    @Test
    void missingOrWrongExamplesNameFileAndField() throws IOException {
        assertThat(error(GOOD.substring(0, GOOD.indexOf("    examples:"))))
                .isEqualTo("acme.yaml: fingerprints[0].examples: needs at least one example (a real string the "
                        + "pattern matches)");
        assertThat(error(GOOD.replace("examples:\n      - text: 'AcmeCam/2.1'\n        version: '2.1'",
                "examples: []"))).isEqualTo("acme.yaml: fingerprints[0].examples: needs at least one example (a "
                + "real string the pattern matches)");
        assertThat(error(GOOD.replace("- text: 'AcmeCam/2.1'", "- text: 'OtherCam/2.1'")))
                .isEqualTo("acme.yaml: fingerprints[0].examples[0]: text 'OtherCam/2.1' does not match pattern "
                        + "'^AcmeCam/([\\d.]+)'");
        assertThat(error(GOOD.replace("version: '2.1'", "version: '2.2'")))
                .isEqualTo("acme.yaml: fingerprints[0].examples[0]: version: expected '2.2' but the pattern "
                        + "yields '2.1'");
        assertThat(error(GOOD.replace("  - text: 'AcmeCam/2.1'", "  - version: '2.1'").replace(
                "        version: '2.1'\n", "")))
                .isEqualTo("acme.yaml: fingerprints[0].examples[0].text: is required");
    }

    @Test
    void otherFieldsNameFileAndField() throws IOException {
        assertThat(error(GOOD.replace("certainty: 0.8", "certainty: 1.5")))
                .isEqualTo("acme.yaml: fingerprints[0].certainty: must be a number from 0 to 1, got 1.5");
        assertThat(error(GOOD.replace("    certainty: 0.8\n", "")))
                .isEqualTo("acme.yaml: fingerprints[0].certainty: is required");
        assertThat(error(GOOD.replace("version: '{1}'", "version: '{2}'")))
                .isEqualTo("acme.yaml: fingerprints[0].version: refers to capture group {2} but the pattern has 1");
        assertThat(error(GOOD.replace("id: acme-cam", "id: Acme Cam")))
                .startsWith("acme.yaml: fingerprints[0].id: must be lower-case letters");
        assertThat(error(GOOD.replace("fingerprints:", "fingerprint:")))
                .isEqualTo("acme.yaml: fingerprint: unknown key (expected only 'fingerprints')");
        assertThat(error(GOOD + GOOD.substring(GOOD.indexOf("  - id")))).isEqualTo(
                "acme.yaml: fingerprint id 'acme-cam' is used twice");
        String nothing = GOOD.replace("    vendor: Acme\n", "").replace("    version: '{1}'\n", "")
                .replace("    device_type: camera\n", "").replace("        version: '2.1'\n", "");
        assertThat(error(nothing)).startsWith("acme.yaml: fingerprints[0]: yields nothing");
    }

    @Test
    void invalidYamlSaysWhere() throws IOException {
        assertThat(error("fingerprints:\n  - id: [x\n")).startsWith("acme.yaml: invalid YAML at line ");
    }

    @Test
    void aMissingFolderIsAnError() {
        assertThatThrownBy(() -> Fingerprints.load(dir.resolve("nope")))
                .isInstanceOf(FingerprintException.class).hasMessageStartingWith("fingerprints folder not found: ");
    }
}
