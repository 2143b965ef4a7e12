package io.bigr.discovery.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvdFeedReaderTest {
    static final Path SAMPLE = Path.of("src/test/resources/nvd/nvdcve-2.0-sample.json");

    @Test
    void readsEveryCveWithScoresDatesKevPatchAndCriteria() throws Exception {
        List<NvdFeedReader.Item> items = new ArrayList<>();
        NvdFeedReader.Outcome outcome = NvdFeedReader.read(SAMPLE, items::add);
        assertThat(outcome).isEqualTo(new NvdFeedReader.Outcome(5, 1));
        assertThat(items).extracting(i -> i.cve().cveId()).containsExactly("CVE-2023-38408", "CVE-2021-23017",
                "CVE-2021-41773", "CVE-2016-6210", "CVE-2024-99999");

        CveEntry ssh = items.get(0).cve();
        assertThat(ssh.cvssScore()).isEqualTo(9.8); // the Primary metric, not the first
        assertThat(ssh.severity()).isEqualTo("critical");
        assertThat(ssh.description()).startsWith("The PKCS#11 feature");
        assertThat(ssh.affectedVendor()).isEqualTo("openbsd");
        assertThat(ssh.affectedProduct()).isEqualTo("openssh");
        assertThat(ssh.cpe()).isEqualTo("cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*");
        assertThat(ssh.published()).isEqualTo("2023-07-20");
        assertThat(ssh.fixAvailable()).isTrue();
        assertThat(ssh.cisaKev()).isFalse();
        assertThat(items.get(0).criteria()).hasSize(3);
        assertThat(items.get(0).criteria().get(0).versionEndExcluding()).isEqualTo("9.3");

        assertThat(items.get(1).cve().cvssScore()).isEqualTo(7.7); // V3.1 preferred over V2
        assertThat(items.get(1).cve().fixAvailable()).isFalse();
        CveEntry apache = items.get(2).cve();
        assertThat(apache.cisaKev()).isTrue();
        assertThat(apache.severity()).isEqualTo("high");
        CveEntry old = items.get(3).cve();
        assertThat(old.cvssScore()).isEqualTo(4.3); // V2 only
        assertThat(old.severity()).isEqualTo("medium");
        assertThat(items.get(3).criteria()).extracting(CpeMatch::vulnerable).containsExactly(true, false);
        CveEntry reserved = items.get(4).cve();
        assertThat(reserved.cvssScore()).isZero();
        assertThat(reserved.severity()).isEqualTo("none");
        assertThat(reserved.affectedVendor()).isEmpty();
        assertThat(reserved.cpe()).isNull();
    }

    @Test
    void readsGzipFeeds(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("nvdcve-2.0-sample.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(SAMPLE, out);
        }
        List<NvdFeedReader.Item> items = new ArrayList<>();
        assertThat(NvdFeedReader.read(gz, items::add).items()).isEqualTo(5);
    }

    @Test
    void rejectsDocumentsThatAreNotFeeds(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> NvdFeedReader.read(Path.of("src/test/resources/nvd/not-a-feed.json"), i -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vulnerabilities");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"vulnerabilities\": [ {\"cve\": ");
        assertThatThrownBy(() -> NvdFeedReader.read(broken, i -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("malformed JSON");
        Path array = dir.resolve("array.json");
        Files.writeString(array, "[]");
        assertThatThrownBy(() -> NvdFeedReader.read(array, i -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
    }
}
