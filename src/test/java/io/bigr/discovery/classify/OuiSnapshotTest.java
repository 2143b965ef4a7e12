package io.bigr.discovery.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot generator on small files in each IEEE layout (no dependency on the ieee-data package). */
class OuiSnapshotTest {
    @TempDir
    Path dir;

    private static final String IEEE_CSV = """
            Registry,Assignment,Organization Name,Organization Address
            MA-L,002272,American Micro-Fuel Device Corp.,2181 Buchanan Loop Ferndale WA US 98248\s
            MA-L,F4BD9E,"Cisco Systems, Inc",80 West Tasman Drive San Jose CA US 94568\s
            MA-L,001ECB,\"""RPC ""Energoautomatika"" Ltd",Some "street"
            MA-L,080030,NETWORK RESEARCH CORPORATION,"2380 N. ROSE AVENUE
            OXNARD CA US 93010"
            MA-L,0001C8,  THOMAS CONRAD CORP.\t ,
            MA-L,080030,CERN,CH-1211  GENEVE SUISSE/SWITZ CH 023\s
            MA-M,8C1F641,Not a 24-bit prefix,somewhere
            MA-L,ABCDEF,,empty vendor is skipped
            """;

    private static final String IEEE_TXT = """
            OUI/MA-L                                                    Organization
            company_id                                                  Organization
                                                                        Address

            00-22-72   (hex)\t\tAmerican Micro-Fuel Device Corp.
            002272     (base 16)\t\tAmerican Micro-Fuel Device Corp.
            \t\t\t\t2181 Buchanan Loop
            \t\t\t\tUS

            F4-BD-9E   (hex)\t\tCisco Systems, Inc
            F4BD9E     (base 16)\t\tCisco Systems, Inc
            """;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void ieeeCsvBecomesASortedDedupedSnapshot() throws IOException {
        Path out = dir.resolve("snapshot.csv");
        OuiSnapshot.Result r = OuiSnapshot.refresh(write("oui.csv", IEEE_CSV), out);
        assertThat(r.format()).isEqualTo("IEEE CSV");
        assertThat(r.rowsRead()).isEqualTo(8);
        assertThat(r.prefixesWritten()).isEqualTo(5);
        assertThat(Files.readAllLines(out)).containsExactly(
                "prefix,vendor",
                "00:01:c8,THOMAS CONRAD CORP.",
                "00:1e:cb,\"\"\"RPC \"\"Energoautomatika\"\" Ltd\"",
                "00:22:72,American Micro-Fuel Device Corp.",
                "08:00:30,CERN",
                "f4:bd:9e,\"Cisco Systems, Inc\"");
        OuiRegistry registry = OuiRegistry.fromSnapshot(out);
        assertThat(registry.lookup("f4:bd:9e:00:00:01")).isEqualTo("Cisco Systems, Inc");
        assertThat(registry.lookup("00:1e:cb:00:00:01")).isEqualTo("\"RPC \"Energoautomatika\" Ltd");
        assertThat(OuiSnapshot.describe(r)).isEqualTo("Wrote 5 prefixes to " + out + " (8 IEEE CSV rows read)");
    }

    @Test
    void ieeeTextLayoutIsReadToo() throws IOException {
        Path out = dir.resolve("snapshot.csv");
        OuiSnapshot.Result r = OuiSnapshot.refresh(write("oui.txt", IEEE_TXT), out);
        assertThat(r.format()).isEqualTo("IEEE text");
        assertThat(Files.readAllLines(out)).containsExactly("prefix,vendor",
                "00:22:72,American Micro-Fuel Device Corp.", "f4:bd:9e,\"Cisco Systems, Inc\"");
    }

    @Test
    void aSnapshotCanBeRenormalised() throws IOException {
        Path out = dir.resolve("snapshot.csv");
        OuiSnapshot.refresh(write("in.csv", "prefix,vendor\nF4:BD:9E, Cisco \n00:00:01,X\n"), out);
        assertThat(Files.readAllLines(out)).containsExactly("prefix,vendor", "00:00:01,X", "f4:bd:9e,Cisco");
    }

    @Test
    void aFileWithoutAssignmentsLeavesTheSnapshotAlone() throws IOException {
        Path out = write("snapshot.csv", "prefix,vendor\n00:00:01,Keep\n");
        assertThatThrownBy(() -> OuiSnapshot.refresh(write("junk.txt", "hello\nworld\n"), out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no MA-L assignments found");
        assertThat(Files.readAllLines(out)).containsExactly("prefix,vendor", "00:00:01,Keep");
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("snapshot.csv", "junk.txt");
        assertThatThrownBy(() -> OuiSnapshot.refresh(dir.resolve("missing.csv"), out))
                .hasMessage("file not found: " + dir.resolve("missing.csv"));
        assertThatThrownBy(() -> OuiSnapshot.refresh(write("oui.csv", IEEE_CSV), dir.resolve("no/such/dir.csv")))
                .hasMessageStartingWith("target directory does not exist: ");
    }

    @Test
    void theCommittedSnapshotIsInItsOwnCanonicalForm() throws IOException {
        // regenerating the committed snapshot from itself changes nothing: sorted, deduped, trimmed, lower-case
        Path committed = OuiSnapshot.SOURCE_SNAPSHOT;
        Path out = dir.resolve("again.csv");
        OuiSnapshot.refresh(committed, out);
        List<String> original = Files.readAllLines(committed, StandardCharsets.UTF_8);
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).isEqualTo(original);
        assertThat(original.get(0)).isEqualTo("prefix,vendor");
    }
}
