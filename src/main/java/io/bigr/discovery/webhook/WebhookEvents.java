package io.bigr.discovery.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.WebhookDao;
import io.bigr.discovery.vuln.VulnerabilityReport;
import java.time.Instant;
import java.util.Map;

/**
 * The events webhooks send (docs/DOMAIN.md §8.5), each {@code {"id", "type", "created_at", "data"}} with a key that
 * is unique for what happened, so an event is noticed and sent once however often it is looked at.
 */
public final class WebhookEvents {
    /** Change types (docs/DOMAIN.md §3.4, §3.15) that are events, and their event types. */
    public static final Map<String, String> CHANGE_TYPES = Map.of(
            "new_asset", "asset.new",
            "port_opened", "port.opened",
            "port_closed", "port.closed",
            "asset_missed", "asset.missed",
            "asset_gone", "asset.gone",
            "asset_returned", "asset.returned");
    public static final String CVE = "cve.version_confirmed";
    public static final String CERTIFICATE = "certificate.expiring";

    private WebhookEvents() {
    }

    /** The event of a change-log row, or null for a type that is not one (field_changed). */
    public static WebhookDao.Event of(WebhookDao.ChangeRow c, Instant now) {
        String type = CHANGE_TYPES.get(c.changeType());
        if (type == null) {
            return null;
        }
        String key = "change:" + c.id();
        ObjectNode data = Json.object();
        data.put("asset_id", c.assetId()).put("ip", c.ip()).put("mac", c.mac()).put("hostname", c.hostname())
                .put("vendor", c.vendor()).put("scan_id", c.scanId()).put("change_id", c.id())
                .put("detected_at", Timestamps.format(c.detectedAt()));
        if (type.startsWith("port.")) {
            data.put("port", Integer.valueOf(type.equals("port.opened") ? c.newValue() : c.oldValue()));
        } else if (c.fieldName() != null) {
            data.put("field", c.fieldName()).put("old_value", c.oldValue()).put("new_value", c.newValue());
        }
        return new WebhookDao.Event(key, type, envelope(key, type, now, data));
    }

    /** A version-confirmed CVE match (docs/DOMAIN.md §6.7), keyed by asset and CVE. */
    public static WebhookDao.Event of(VulnerabilityReport.Match m, Instant now) {
        String key = "cve:" + m.assetIp() + "|" + (m.assetMac() == null ? "" : m.assetMac()) + ":" + m.cve().cveId();
        ObjectNode data = Json.object();
        data.put("ip", m.assetIp()).put("mac", m.assetMac()).put("vendor", m.assetVendor());
        data.set("cve", Json.MAPPER.valueToTree(m.cve()));
        data.put("match_confidence", m.matchConfidence());
        data.set("evidence", Json.MAPPER.valueToTree(m.evidence()));
        return new WebhookDao.Event(key, CVE, envelope(key, CVE, now, data));
    }

    /** A certificate expiring within the configured days (or expired), keyed by endpoint and expiry. */
    public static WebhookDao.Event of(Certificate c, Instant now) {
        String key = "certificate:" + c.ip() + ":" + c.port() + ":" + Timestamps.format(c.validTo());
        ObjectNode data = Json.object();
        data.put("ip", c.ip()).put("port", c.port()).put("cn", c.cn()).put("issuer", c.issuer())
                .put("valid_to", Timestamps.format(c.validTo()));
        data.put("days_until_expiry", c.daysUntilExpiry());
        data.put("is_expired", c.isExpired());
        return new WebhookDao.Event(key, CERTIFICATE, envelope(key, CERTIFICATE, now, data));
    }

    private static String envelope(String key, String type, Instant now, ObjectNode data) {
        ObjectNode e = Json.object();
        e.put("id", key).put("type", type).put("created_at", Timestamps.format(now));
        e.set("data", data);
        return Json.write(e);
    }
}
