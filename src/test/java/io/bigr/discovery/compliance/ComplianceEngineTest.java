package io.bigr.discovery.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Subnet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComplianceEngineTest {
    /**
     * {@code category} and {@code manual} are stored text, read as the store's boundary reads them: the database
     * mapper for the classifier's category ({@link BigrCategory#fromValue}), {@link BigrCategory#manualOverride}
     * for the manual one.
     */
    private static ComplianceAsset asset(String ip, double confidence, String category, String manual) {
        return new ComplianceAsset(ip, BigrCategory.fromValue(category), confidence,
                BigrCategory.manualOverride(manual), null);
    }

    private static List<ComplianceAsset> assets(int fully, int partial, int unclassified, int manual) {
        List<ComplianceAsset> out = new ArrayList<>();
        for (int i = 0; i < fully; i++) {
            out.add(asset("10.0.0." + out.size(), 0.9, "iot", null));
        }
        for (int i = 0; i < partial; i++) {
            out.add(asset("10.0.0." + out.size(), 0.5, "iot", null));
        }
        for (int i = 0; i < unclassified; i++) {
            out.add(asset("10.0.0." + out.size(), 0.1, "unclassified", null));
        }
        for (int i = 0; i < manual; i++) {
            out.add(asset("10.0.0." + out.size(), 0.0, "unclassified", "iot"));
        }
        return out;
    }

    /** The worked examples of docs/DOMAIN.md §6.4. */
    @ParameterizedTest
    @CsvSource({
        "10, 0, 0, 0, 100.0, A",
        "5, 3, 2, 0, 65.0, D",
        "2, 0, 5, 3, 50.0, F",
        "2, 0, 1, 0, 66.7, D",
        "9, 0, 1, 0, 90.0, A",
        "8, 1, 1, 0, 85.0, B",
        "0, 0, 0, 0, 100.0, A"})
    void workedExamples(int fully, int partial, int unclassified, int manual, double score, String grade) {
        ComplianceReport r = ComplianceEngine.report(assets(fully, partial, unclassified, manual));
        assertThat(r.complianceScore()).isEqualTo(score);
        assertThat(r.grade()).isEqualTo(grade);
        assertThat(r.breakdown()).isEqualTo(new ComplianceReport.Breakdown(fully + partial + unclassified + manual,
                fully, partial, unclassified, manual));
    }

    @Test
    void mixedConfidencesGive62point5() {
        ComplianceReport r = ComplianceEngine.report(List.of(asset("a", 0.9, "iot", null),
                asset("b", 0.8, "iot", null), asset("c", 0.5, "iot", null), asset("d", 0.1, "iot", null)));
        assertThat(r.complianceScore()).isEqualTo(62.5);
        assertThat(r.grade()).isEqualTo("D");
    }

    @Test
    void bucketDependsOnConfidenceNotCategoryAndBoundariesAreInclusive() {
        ComplianceReport r = ComplianceEngine.report(List.of(asset("a", 0.8, "unclassified", null),
                asset("b", 0.7, "iot", null), asset("c", 0.3, "iot", null), asset("d", 0.29999, "iot", null),
                asset("e", 0.1, "iot", "")));
        assertThat(r.breakdown()).isEqualTo(new ComplianceReport.Breakdown(5, 2, 1, 2, 0));
    }

    @Test
    void gradeBoundaries() {
        assertThat(ComplianceEngine.grade(90.0)).isEqualTo("A");
        assertThat(ComplianceEngine.grade(89.9)).isEqualTo("B");
        assertThat(ComplianceEngine.grade(80.0)).isEqualTo("B");
        assertThat(ComplianceEngine.grade(70.0)).isEqualTo("C");
        assertThat(ComplianceEngine.grade(60.0)).isEqualTo("D");
        assertThat(ComplianceEngine.grade(59.9)).isEqualTo("F");
    }

    @Test
    void distributionUsesManualCategoryAndFoldsUnknownValuesIntoUnclassified() {
        ComplianceReport r = ComplianceEngine.report(List.of(asset("a", 0.9, "iot", null),
                asset("b", 0.9, "iot", "tasinabilir"), asset("c", 0.9, "printer", null),
                asset("d", 0.9, null, null), asset("e", 0.9, "ag_ve_sistemler", null),
                asset("f", 0.9, "ag_ve_sistemler", null)));
        assertThat(r.distribution().counts()).containsExactly(
                java.util.Map.entry("ag_ve_sistemler", 2), java.util.Map.entry("uygulamalar", 0),
                java.util.Map.entry("iot", 1), java.util.Map.entry("tasinabilir", 1),
                java.util.Map.entry("unclassified", 2));
        assertThat(r.distribution().percentages()).containsExactly(
                java.util.Map.entry("ag_ve_sistemler", 33.3), java.util.Map.entry("uygulamalar", 0.0),
                java.util.Map.entry("iot", 16.7), java.util.Map.entry("tasinabilir", 16.7),
                java.util.Map.entry("unclassified", 33.3));
        assertThat(r.distribution().total()).isEqualTo(6);
    }

    @Test
    void unknownOrDifferentlyCasedManualValuesCountAsUnclassifiedAndStayManual() {
        ComplianceReport r = ComplianceEngine.report(List.of(asset("a", 0.1, "iot", "printer"),
                asset("b", 0.1, "iot", "IOT"), asset("c", 0.9, "iot", "iot")));
        assertThat(r.distribution().counts()).containsEntry("unclassified", 2).containsEntry("iot", 1);
        assertThat(r.actionItems()).isEmpty();
    }

    @Test
    void percentagesRoundHalfEvenOnTheBinaryValue() {
        // 1/8 = 12.5 exactly: half-even keeps 12.5 at 1 decimal; 1/16 = 6.25 → 6.2 (not 6.3).
        List<ComplianceAsset> sixteen = new ArrayList<>();
        sixteen.add(asset("x", 0.9, "iot", null));
        for (int i = 0; i < 15; i++) {
            sixteen.add(asset("y" + i, 0.9, "uygulamalar", null));
        }
        ComplianceReport r = ComplianceEngine.report(sixteen);
        assertThat(r.distribution().percentages().get("iot")).isEqualTo(6.2);
        assertThat(r.distribution().percentages().get("uygulamalar")).isEqualTo(93.8);
    }

    @Test
    void emptyDistributionIsAllZero() {
        ComplianceReport r = ComplianceEngine.report(List.of());
        assertThat(r.distribution().percentages().values()).containsOnly(0.0);
        assertThat(r.distribution().counts().values()).containsOnly(0);
        assertThat(r.actionItems()).isEmpty();
    }

    @Test
    void actionItemsCriticalFirstInputOrderKeptManualSkipped() {
        ComplianceReport r = ComplianceEngine.report(List.of(
                asset("10.0.0.1", 0.5, "iot", null),
                asset("10.0.0.2", 0.1, "iot", null),
                asset("10.0.0.3", 0.9, "unclassified", null),
                asset("10.0.0.4", 0.65, "uygulamalar", null),
                asset("10.0.0.5", 0.1, "unclassified", "iot"),
                asset(null, 0.125, "iot", null),
                asset("10.0.0.7", 0.9, "iot", null)));
        assertThat(r.actionItems()).containsExactly(
                new ComplianceReport.ActionItem("classify", "critical", "10.0.0.2",
                        "Unclassified asset (confidence: 0.10)"),
                new ComplianceReport.ActionItem("classify", "critical", "10.0.0.3",
                        "Unclassified asset (confidence: 0.90)"),
                new ComplianceReport.ActionItem("classify", "critical", "unknown",
                        "Unclassified asset (confidence: 0.12)"),
                new ComplianceReport.ActionItem("review", "normal", "10.0.0.1",
                        "Low confidence classification (0.50)"),
                new ComplianceReport.ActionItem("review", "normal", "10.0.0.4",
                        "Low confidence classification (0.65)"));
    }

    @Test
    void perSubnetComplianceByStoredCidrOrAddressSkippingUnparsable() {
        List<ComplianceAsset> assets = List.of(asset("10.0.0.1", 0.9, "iot", null),
                asset("10.0.0.2", 0.1, "iot", null),
                new ComplianceAsset("192.168.1.5", BigrCategory.IOT, 0.9, null, "10.9.9.0/24"),
                asset("192.168.1.7", 0.9, "iot", null));
        ComplianceReport r = ComplianceEngine.report(assets, List.of(
                new Subnet("10.0.0.0/24", "Office", 10, null, 0),
                new Subnet("not-a-cidr", "Bad", null, null, 0),
                new Subnet("10.9.9.0/24", "Lab", null, null, 0),
                new Subnet("172.16.0.0/16", "Empty", null, null, 0),
                new Subnet("192.168.1.0/24", "Home", null, null, 0)));
        assertThat(r.subnetCompliance()).containsExactly(
                new ComplianceReport.SubnetCompliance("10.0.0.0/24", "Office", 50.0, "F"),
                new ComplianceReport.SubnetCompliance("10.9.9.0/24", "Lab", 100.0, "A"),
                new ComplianceReport.SubnetCompliance("172.16.0.0/16", "Empty", 100.0, "A"),
                new ComplianceReport.SubnetCompliance("192.168.1.0/24", "Home", 100.0, "A"));
        assertThat(r.complianceScore()).isEqualTo(75.0);
    }

    /** The §6.3.10 example, byte for byte. */
    @Test
    void jsonShapeAndKeyOrder() {
        ComplianceReport r = ComplianceEngine.report(List.of(asset("10.0.0.1", 0.9, "ag_ve_sistemler", null),
                asset("10.0.0.100", 0.75, "iot", null)), List.of(new Subnet("10.0.0.0/24", "Office", null, null, 0)));
        assertThat(Json.write(r)).isEqualTo("""
                {"compliance_score":100.0,"grade":"A",\
                "breakdown":{"total_assets":2,"fully_classified":2,"partially_classified":0,"unclassified":0,\
                "manual_overrides":0},\
                "distribution":{"counts":{"ag_ve_sistemler":1,"uygulamalar":0,"iot":1,"tasinabilir":0,\
                "unclassified":0},"percentages":{"ag_ve_sistemler":50.0,"uygulamalar":0.0,"iot":50.0,\
                "tasinabilir":0.0,"unclassified":0.0},"total":2},\
                "subnet_compliance":[{"cidr":"10.0.0.0/24","label":"Office","score":100.0,"grade":"A"}],\
                "action_items":[]}""");
    }

    /**
     * Per-subnet scores from the sorted address index equal those of testing every asset against every subnet
     * (stored subnets, nested and overlapping networks, host bits, IPv6, unparsable and missing addresses).
     */
    @Test
    void subnetScoresFromTheAddressIndexEqualThoseOfTestingEveryPair() {
        java.util.Random random = new java.util.Random(15);
        List<ComplianceAsset> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String ip = switch (random.nextInt(20)) {
                case 0 -> "2001:db8::" + Integer.toHexString(random.nextInt(4096));
                case 1 -> null;
                case 2 -> "not-an-ip";
                case 3 -> List.of("010.0.1.7", " 10.0.1.8 ", "10.0.1", "10.0.1.256", "10.0.1.2.3", "10.0.1.",
                        "::ffff:10.0.1.9", "10.0.1.1000", "").get(random.nextInt(9));
                default -> "10." + random.nextInt(4) + "." + random.nextInt(8) + "." + random.nextInt(256);
            };
            String stored = random.nextInt(25) == 0 ? "10.0.1.0/24" : null;
            all.add(new ComplianceAsset(ip, BigrCategory.IOT, random.nextInt(11) / 10.0,
                    random.nextInt(10) == 0 ? BigrCategory.IOT : null, stored));
        }
        List<io.bigr.discovery.core.Subnet> subnets = new ArrayList<>();
        for (String cidr : List.of("10.0.0.0/8", "10.0.1.0/24", "10.1.2.77/24", "10.2.0.0/16", "10.3.7.255/32",
                "2001:db8::/116", "2001:db8::/32", "192.168.0.0/16", "bad/99")) {
            subnets.add(new io.bigr.discovery.core.Subnet(cidr, "s", null, null, 0));
        }
        ComplianceReport fast = ComplianceEngine.report(all, subnets);
        List<ComplianceReport.SubnetCompliance> expected = new ArrayList<>();
        for (io.bigr.discovery.core.Subnet s : subnets) {
            var network = io.bigr.discovery.core.IpAddresses.network(s.cidr());
            if (network.isEmpty()) {
                continue;
            }
            ComplianceReport r = ComplianceEngine.report(all.stream().filter(a -> a.subnetCidr() != null
                    ? a.subnetCidr().equals(s.cidr())
                    : io.bigr.discovery.core.IpAddresses.contains(network.get(), a.ip())).toList());
            expected.add(new ComplianceReport.SubnetCompliance(s.cidr(), "s", r.complianceScore(), r.grade()));
        }
        assertThat(fast.subnetCompliance()).isEqualTo(expected);
    }

    @Test
    void dottedQuadsAreReadOnlyWhenPlain() {
        assertThat(ComplianceEngine.Members.dottedQuad("10.0.1.7")).isEqualTo(0x0A000107L);
        assertThat(ComplianceEngine.Members.dottedQuad("255.255.255.255")).isEqualTo(0xFFFFFFFFL);
        assertThat(ComplianceEngine.Members.dottedQuad("0.0.0.0")).isZero();
        for (String other : List.of("010.0.0.1", "10.0.0", "10.0.0.256", "1.2.3.4.5", "10.0.0.", ".10.0.0.1",
                " 10.0.0.1", "10.0.0.1/24", "::1", "1000.0.0.1", "", "a.b.c.d")) {
            assertThat(ComplianceEngine.Members.dottedQuad(other)).as(other).isEqualTo(-1);
        }
    }

    @Test
    void twoDecimalsGivesWhatFormatGives() {
        for (int i = -300; i <= 1300; i++) {
            double x = i / 997.0;
            for (int pass = 0; pass < 2; pass++) { // the second pass reads the memo
                assertThat(ComplianceEngine.twoDecimals(x)).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f",
                        io.bigr.discovery.core.Numbers.round(x, 2)));
            }
        }
    }
}
