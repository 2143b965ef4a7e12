package io.bigr.discovery.netbios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The NBSTAT query's bytes and the name table of an answer (RFC 1002 §4.2.17-18). */
class NodeStatusTest {
    @Test
    void theQueryAsksForTheWildcardName() {
        byte[] q = NodeStatus.query(0x4201);
        assertThat(q).hasSize(50);
        // "*" then fifteen NULs, first-level encoded: "CK" then "AA" x 15
        assertThat(new String(q, 13, 32, StandardCharsets.US_ASCII)).isEqualTo("CK" + "AA".repeat(15));
        assertThat(HexFormat.of().formatHex(q, 0, 12)).isEqualTo("420100000001000000000000");
        assertThat(HexFormat.of().formatHex(q, 45, 50)).isEqualTo("0000210001");
    }

    @Test
    void anAnswerGivesTheNamesGroupsAndAdapterAddress() {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        byte[] q = NodeStatus.query(7);
        a.write(q, 0, 2);
        a.writeBytes(HexFormat.of().parseHex("8400000000010000" + "0000"));
        a.write(q, 12, 34);
        a.writeBytes(HexFormat.of().parseHex("00210001" + "00000000" + "0047" + "03"));
        name(a, "DC01", 0x00, false);
        name(a, "CORP", 0x1c, true);
        name(a, "DC01", 0x20, false);
        a.writeBytes(HexFormat.of().parseHex("14feb54a240f"));
        byte[] b = a.toByteArray();
        NodeStatus.Answer answer = NodeStatus.parse("10.0.0.2", b, b.length);
        assertThat(answer.text()).isEqualTo("DC01<00>, CORP<1C> (group), DC01<20>");
        assertThat(answer.machineName()).isEqualTo("DC01");
        assertThat(answer.mac()).isEqualTo("14:fe:b5:4a:24:0f");
        assertThat(NodeStatus.parse("10.0.0.2", q, q.length)).isNull(); // a query, not an answer
        assertThat(NodeStatus.parse("10.0.0.2", b, 20)).isNull();      // cut short
    }

    private static void name(ByteArrayOutputStream a, String name, int suffix, boolean group) {
        a.writeBytes(String.format("%-15s", name).getBytes(StandardCharsets.US_ASCII));
        a.write(suffix);
        a.write(group ? 0x84 : 0x04);
        a.write(0);
    }
}
