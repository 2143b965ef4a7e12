package io.bigr.discovery.upnp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a device says about itself in a description document (docs/DOMAIN.md §5.14): maker, model, type and name.
 * Parsed from a UPnP device description (XML, the root {@code <device>}), a cast device's
 * {@code /setup/eureka_info} (JSON), a Samsung TV's {@code /api/v2/} (JSON) or a Roku's
 * {@code /query/device-info} (XML). Each field null when the document does not give it. The stored shape is
 * {@link #toJson}: the keys fingerprints of kind {@code upnp_description} read, plus {@code source} and
 * {@code server}.
 *
 * @param source where it was read ({@code ssdp}, {@code eureka_info}, ...), with the URL in {@code location}
 */
public record DeviceDescription(String source, String location, String manufacturer, String modelName,
                                String modelNumber, String deviceType, String friendlyName, String server) {
    static final int MAX_FIELD = 200;

    public boolean isEmpty() {
        return manufacturer == null && modelName == null && modelNumber == null && deviceType == null
                && friendlyName == null;
    }

    public DeviceDescription withServer(String s) {
        return new DeviceDescription(source, location, manufacturer, modelName, modelNumber, deviceType, friendlyName,
                s);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("manufacturer", manufacturer);
        fields.put("model_name", modelName);
        fields.put("model_number", modelNumber);
        fields.put("device_type", deviceType);
        fields.put("friendly_name", friendlyName);
        fields.put("server", server);
        fields.put("source", source);
        fields.put("location", location);
        fields.forEach((k, v) -> {
            if (v != null) {
                o.put(k, v);
            }
        });
        return o;
    }

    /** A UPnP device description: the root device's fields (an embedded device fills what the root leaves out). */
    public static DeviceDescription upnpXml(String source, String location, byte[] xml) {
        Document doc = parse(xml);
        if (doc == null) {
            return null;
        }
        NodeList devices = doc.getElementsByTagNameNS("*", "device");
        if (devices.getLength() == 0) {
            return null;
        }
        String[] f = new String[5];
        String[] tags = {"manufacturer", "modelName", "modelNumber", "deviceType", "friendlyName"};
        for (int d = 0; d < devices.getLength() && d < 8; d++) {
            Element device = (Element) devices.item(d);
            for (int i = 0; i < tags.length; i++) {
                if (f[i] == null) {
                    f[i] = child(device, tags[i]);
                }
            }
        }
        DeviceDescription out = new DeviceDescription(source, location, f[0], f[1], f[2], f[3], f[4], null);
        return out.isEmpty() ? null : out;
    }

    /** A Roku {@code /query/device-info}: {@code vendor-name}, {@code model-name}, {@code model-number}, ... */
    public static DeviceDescription rokuXml(String location, byte[] xml) {
        Document doc = parse(xml);
        if (doc == null || !"device-info".equals(doc.getDocumentElement().getLocalName() == null
                ? doc.getDocumentElement().getNodeName() : doc.getDocumentElement().getLocalName())) {
            return null;
        }
        Element root = doc.getDocumentElement();
        String type = "true".equals(child(root, "is-tv")) ? "tv" : child(root, "is-stick") != null
                && "true".equals(child(root, "is-stick")) ? "stick" : "box";
        DeviceDescription out = new DeviceDescription("roku_device_info", location, child(root, "vendor-name"),
                child(root, "model-name"), child(root, "model-number"), "roku:" + type,
                child(root, "friendly-device-name"), null);
        return out.manufacturer() == null && out.modelName() == null ? null : out;
    }

    /** A cast device's {@code /setup/eureka_info}: {@code name} and {@code device_info.manufacturer/model_name}. */
    public static DeviceDescription eurekaJson(String location, byte[] json) {
        JsonNode n = readJson(json);
        if (n == null || !n.isObject()) {
            return null;
        }
        JsonNode info = n.path("device_info");
        DeviceDescription out = new DeviceDescription("eureka_info", location, text(info, "manufacturer"),
                text(info, "model_name"), text(info, "product_name"), "cast", text(n, "name"), null);
        return out.manufacturer() == null && out.modelName() == null ? null : out;
    }

    /** A Samsung TV's {@code /api/v2/}: {@code device.modelName}, {@code device.name}, {@code device.type}. */
    public static DeviceDescription samsungJson(String location, byte[] json) {
        JsonNode n = readJson(json);
        JsonNode d = n == null ? null : n.get("device");
        if (d == null || !d.isObject()) {
            return null;
        }
        String type = text(d, "type");
        DeviceDescription out = new DeviceDescription("samsung_api", location, "Samsung Electronics",
                text(d, "modelName"), null, type, text(d, "name"), null);
        return out.modelName() == null && type == null ? null : out;
    }

    private static JsonNode readJson(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n == null ? null : n.get(key);
        return v != null && v.isValueNode() ? clean(v.asText()) : null;
    }

    private static String child(Element parent, String tag) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            String name = c.getLocalName() != null ? c.getLocalName() : c.getNodeName();
            if (c.getNodeType() == Node.ELEMENT_NODE && tag.equals(name)) {
                return clean(c.getTextContent());
            }
        }
        return null;
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replaceAll("[\\x00-\\x1f\\x7f]", " ").replaceAll("\\s+", " ").strip();
        if (t.isEmpty()) {
            return null;
        }
        return t.length() > MAX_FIELD ? t.substring(0, MAX_FIELD) : t;
    }

    /** XML without DTDs, external entities or XInclude: a device's document is untrusted input. */
    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            return null;
        }
    }
}
