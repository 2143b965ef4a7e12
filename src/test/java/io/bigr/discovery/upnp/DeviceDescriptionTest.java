package io.bigr.discovery.upnp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Description documents as devices write them, and the hostile ones a device could write. */
class DeviceDescriptionTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aUpnpDescriptionGivesTheRootDevice() {
        String xml = """
                <?xml version="1.0"?>
                <root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major></specVersion>
                <device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>
                <friendlyName>FRITZ!Box 7590</friendlyName><manufacturer>AVM Berlin</manufacturer>
                <modelName>FRITZ!Box 7590</modelName>
                <deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>
                <modelNumber>avm</modelNumber></device></deviceList></device></root>""";
        DeviceDescription d = DeviceDescription.upnpXml("ssdp", "http://10.0.0.1:49000/igddesc.xml", b(xml));
        assertThat(d.manufacturer()).isEqualTo("AVM Berlin");
        assertThat(d.modelName()).isEqualTo("FRITZ!Box 7590");
        assertThat(d.deviceType()).isEqualTo("urn:schemas-upnp-org:device:InternetGatewayDevice:1");
        assertThat(d.modelNumber()).isEqualTo("avm"); // from the embedded device: the root left it out
        assertThat(d.toJson().toString()).isEqualTo("{\"manufacturer\":\"AVM Berlin\",\"model_name\":"
                + "\"FRITZ!Box 7590\",\"model_number\":\"avm\",\"device_type\":\"urn:schemas-upnp-org:device:"
                + "InternetGatewayDevice:1\",\"friendly_name\":\"FRITZ!Box 7590\",\"source\":\"ssdp\","
                + "\"location\":\"http://10.0.0.1:49000/igddesc.xml\"}");
    }

    @Test
    void documentTypeDeclarationsAndEntitiesAreRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE root [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <root><device><manufacturer>&x;</manufacturer><modelName>m</modelName></device></root>""";
        assertThat(DeviceDescription.upnpXml("ssdp", "u", b(xxe))).isNull();
        assertThat(DeviceDescription.upnpXml("ssdp", "u", b("not xml"))).isNull();
        assertThat(DeviceDescription.upnpXml("ssdp", "u", b("<root><device></device></root>"))).isNull();
    }

    @Test
    void identityEndpointsOfCastRokuAndSamsung() {
        DeviceDescription cast = DeviceDescription.eurekaJson("u", b("{\"name\":\"Living Room TV\",\"device_info\":"
                + "{\"manufacturer\":\"Google Inc.\",\"model_name\":\"Chromecast\"}}"));
        assertThat(cast.modelName()).isEqualTo("Chromecast");
        assertThat(cast.friendlyName()).isEqualTo("Living Room TV");
        assertThat(cast.deviceType()).isEqualTo("cast");
        DeviceDescription roku = DeviceDescription.rokuXml("u", b("<device-info><vendor-name>Roku</vendor-name>"
                + "<model-name>Roku Ultra</model-name><model-number>4800X</model-number><is-tv>false</is-tv>"
                + "</device-info>"));
        assertThat(roku.manufacturer()).isEqualTo("Roku");
        assertThat(roku.deviceType()).isEqualTo("roku:box");
        DeviceDescription tv = DeviceDescription.samsungJson("u", b("{\"device\":{\"modelName\":\"QE55Q80TATXXU\","
                + "\"name\":\"[TV] Samsung Q80 Series (55)\",\"type\":\"Samsung SmartTV\"}}"));
        assertThat(tv.manufacturer()).isEqualTo("Samsung Electronics");
        assertThat(tv.deviceType()).isEqualTo("Samsung SmartTV");
        assertThat(DeviceDescription.eurekaJson("u", b("<html>"))).isNull();
        assertThat(DeviceDescription.samsungJson("u", b("{}"))).isNull();
        assertThat(DeviceDescription.rokuXml("u", b("<root/>"))).isNull();
    }
}
