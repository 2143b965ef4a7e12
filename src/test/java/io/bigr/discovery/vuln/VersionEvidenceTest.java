package io.bigr.discovery.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionEvidenceTest {
    private static ObjectNode evidence(String json) {
        return Json.parseObject(json);
    }

    @Test
    void readsBannersInPortOrderAndReportsTheMatchingLine() {
        List<VersionEvidence> found = VersionEvidence.extract(evidence("""
                {"port_rules": ["ssh"], "banners": {"80": "HTTP/1.1 200 OK\\r\\nServer: nginx/1.18.0 (Ubuntu)\\r\\n\\r\\n",
                 "22": "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1"}}"""), null);
        assertThat(found).extracting(VersionEvidence::product).containsExactly("OpenSSH", "nginx");
        VersionEvidence ssh = found.get(0);
        assertThat(ssh.source()).isEqualTo("banner");
        assertThat(ssh.port()).isEqualTo(22);
        assertThat(ssh.version()).isEqualTo("8.9p1");
        assertThat(ssh.cpes()).containsExactly("openbsd:openssh");
        VersionEvidence web = found.get(1);
        assertThat(web.text()).isEqualTo("Server: nginx/1.18.0 (Ubuntu)");
        assertThat(web.version()).isEqualTo("1.18.0");
        assertThat(web.cpes()).containsExactly("f5:nginx", "nginx:nginx");
    }

    @Test
    void oneBannerMayNameSeveralProducts() {
        List<VersionEvidence> found = VersionEvidence.extract(evidence(
                "{\"banners\": {\"443\": \"Server: Apache/2.4.49 (Unix) OpenSSL/1.1.1k\"}}"), null);
        assertThat(found).extracting(VersionEvidence::product, VersionEvidence::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Apache HTTP Server", "2.4.49"),
                        org.assertj.core.groups.Tuple.tuple("OpenSSL", "1.1.1k"));
    }

    @Test
    void snmpSysDescrAndManualNote() {
        List<VersionEvidence> found = VersionEvidence.extract(evidence(
                "{\"snmp_sys_descr\": \"Cisco IOS XE Software, Version 17.3.4a\"}"), "core router, RouterOS 6.48.6");
        assertThat(found).extracting(VersionEvidence::source, VersionEvidence::product, VersionEvidence::version)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("snmp_sys_descr", "Cisco IOS XE", "17.3.4a"),
                        org.assertj.core.groups.Tuple.tuple("manual_note", "MikroTik RouterOS", "6.48.6"));
        assertThat(found.get(0).port()).isNull();
    }

    @Test
    void portsAloneOrBannersWithoutVersionsGiveNothing() {
        assertThat(VersionEvidence.extract(evidence("{\"port_rules\": [\"22/ssh\", \"80/http\"]}"), null)).isEmpty();
        assertThat(VersionEvidence.extract(evidence(
                "{\"banners\": {\"22\": \"SSH-2.0-OpenSSH\", \"80\": \"Server: nginx\", \"x\": \"OpenSSH_9.0\","
                        + " \"99999\": \"OpenSSH_9.0\", \"21\": 5}}"), "")).isEmpty();
        assertThat(VersionEvidence.extract(null, null)).isEmpty();
    }

    @Test
    void readsTheObjectBannersBigrScanWritesBesideThePlainStrings() {
        List<VersionEvidence> found = VersionEvidence.extract(evidence("""
                {"banners": {"8080": {"service": "http", "server": "nginx/1.24.0", "title": "DSM 7.2 nginx/9.9.9"},
                 "2222": {"service": "ssh", "banner": "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13"},
                 "21": "220 (vsFTPd 3.0.3)", "25": {"service": "smtp"}, "80": {"service": "http", "title": "x"}}}"""),
                null);
        assertThat(found).extracting(VersionEvidence::port, VersionEvidence::product, VersionEvidence::version,
                        VersionEvidence::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(21, "vsftpd", "3.0.3", "220 (vsFTPd 3.0.3)"),
                        org.assertj.core.groups.Tuple.tuple(2222, "OpenSSH", "9.6p1",
                                "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13"),
                        org.assertj.core.groups.Tuple.tuple(8080, "nginx", "1.24.0", "Server: nginx/1.24.0"));
        assertThat(VersionEvidence.mayHold(Json.write(evidence(
                "{\"banners\": {\"22\": {\"service\": \"ssh\", \"banner\": \"SSH-2.0-OpenSSH_9.6p1\"}}}"))))
                .isTrue();
    }

    /**
     * Every product is still found whatever the case of its text: a text is only searched for a product when it
     * names one of the product's words, and those words must be in every match (here: one text per product, as
     * written, in lower and in upper case).
     */
    @Test
    void everyProductIsFoundInAnyCaseBehindItsWordFilter() {
        java.util.Map<String, String> samples = new java.util.LinkedHashMap<>();
        samples.put("OpenSSH", "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1");
        samples.put("Dropbear SSH", "SSH-2.0-dropbear_2020.81");
        samples.put("nginx", "Server: nginx/1.18.0 (Ubuntu)");
        samples.put("Apache HTTP Server", "Server: Apache/2.4.49 (Unix)");
        samples.put("lighttpd", "Server: lighttpd/1.4.59");
        samples.put("Microsoft IIS", "Server: Microsoft-IIS/10.0");
        samples.put("vsftpd", "220 (vsFTPd 3.0.3)");
        samples.put("ProFTPD", "220 ProFTPD 1.3.5e Server (Debian)");
        samples.put("OpenSSL", "Server: Apache OpenSSL/1.1.1k");
        samples.put("PHP", "X-Powered-By: PHP/7.4.3");
        samples.put("CUPS", "Server: CUPS/2.3 IPP/2.1");
        samples.put("Exim", "220 mail.example ESMTP Exim 4.94.2 Tue, 01 Dec 2026");
        samples.put("MikroTik RouterOS", "RouterOS v6.48.6");
        samples.put("Cisco IOS XE", "Cisco IOS XE Software, Version 17.3.4a");
        samples.put("Synology DSM", "Synology DSM 7.1.1");
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(
                VersionEvidence.PRODUCTS.stream().map(VersionEvidence.Product::name).toList());
        samples.forEach((product, text) -> {
            for (String shown : List.of(text, text.toLowerCase(java.util.Locale.ROOT),
                    text.toUpperCase(java.util.Locale.ROOT))) {
                assertThat(VersionEvidence.extract(null, shown)).as(shown)
                        .extracting(VersionEvidence::product).contains(product);
            }
        });
        assertThat(VersionEvidence.extract(null, "MikroTik 6.49")).extracting(VersionEvidence::version)
                .containsExactly("6.49");
    }

    /**
     * A report's memo gives every row what parsing and scanning that row alone gives: over rows that share banner
     * texts (the memo's hits), differ only in keys reports do not read, carry manual notes, sysDescr, or evidence
     * that does not parse; and it hands the same evidence object to rows whose banners read the same.
     */
    @Test
    void aReportsMemoGivesEachRowItsOwnVersions() {
        String[] banners = {"{\"22\":\"SSH-2.0-OpenSSH_8.9p1 Ubuntu-3\"}",
            "{\"80\":{\"service\":\"http\",\"server\":\"Apache/2.4.49\"},\"22\":\"SSH-2.0-OpenSSH_7.2\"}",
            "{\"443\":{\"service\":\"https\",\"server\":\"nginx/1.18.0\",\"title\":\"x\"}}", "{}", "\"odd\""};
        java.util.Random r = new java.util.Random(5);
        VersionEvidence.Memo memo = new VersionEvidence.Memo();
        for (int i = 0; i < 3_000; i++) {
            String raw = "{\"port_rules\":[\"port_" + r.nextInt(100) + "\"],\"banners\":"
                    + banners[r.nextInt(banners.length)]
                    + (r.nextInt(4) == 0 ? ",\"snmp_sys_descr\":\"Cisco IOS XE Software, Version 17.3.1\"" : "")
                    + ",\"evidence_weights\":{\"iot\":0." + r.nextInt(100) + "}}";
            if (r.nextInt(20) == 0) {
                raw = raw.substring(0, r.nextInt(raw.length()));
            }
            String note = r.nextInt(5) == 0 ? "firmware OpenSSH 9.1" : null;
            List<VersionEvidence> alone = VersionEvidence.extract(VersionEvidence.mayHold(raw)
                    ? Json.parseObject(raw) : null, note);
            assertThat(memo.versions(memo.evidence(raw), note)).as(raw).isEqualTo(alone);
        }
        String one = "{\"a\":1,\"banners\":" + banners[0] + "}";
        String other = "{\"b\":[2],\"banners\":" + banners[0] + "}";
        assertThat(memo.evidence(one)).isSameAs(memo.evidence(other));
    }
}
