package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/DOMAIN.md §2.8 on the user's path: a remote scanner posts IPs and MACs in the forms tools print them, the
 * inventory stores one canonical text each, and the API and the CLI find the device by any accepted form of its
 * address while refusing the forms a resolver would guess at.
 */
abstract class CanonicalInputContract {
    abstract Dialect dialect();

    @Test
    void oneCanonicalTextPerAddressAtEveryWayIn() throws Exception {
        try (TestDb db = TestDb.create(dialect()).migrate(); ApiApp app = ApiApp.start(db)) {
            ObjectNode scan = Json.object().put("target", "10.0.0.0/24")
                    .put("started_at", Timestamps.format(Instant.now().minusSeconds(60)));
            scan.putArray("assets")
                    .add(Json.object().put("ip", "2001:DB8:0:0:0:0:0:1").put("mac", "AA-BB-CC-DD-EE-FF"))
                    .add(Json.object().put("ip", " 10.0.0.5 ").put("mac", "0011.2233.4455"));
            try (Response r = app.post("/api/scans", scan)) {
                assertThat(r.getStatus()).as(r.readEntity(String.class)).isEqualTo(201);
            }
            JsonNode assets = app.getJson("/api/assets?sort=ip").get("assets");
            assertThat(assets).extracting(a -> a.get("ip").asText() + " " + a.get("mac").asText())
                    .containsExactly("10.0.0.5 00:11:22:33:44:55", "2001:db8::1 aa:bb:cc:dd:ee:ff");

            // The same device by another accepted spelling of its address: API and CLI.
            try (Response r = app.put("/api/assets/2001:0DB8::0001/tag", Map.of("category", "iot"))) {
                assertThat(r.getStatus()).isEqualTo(200);
                assertThat(ApiApp.body(r).get("ip").asText()).isEqualTo("2001:db8::1");
            }
            Path home = Files.createTempDirectory("bigr-canonical-home");
            Cli.Result tagged = Cli.run(db, home, "tag", "10.0.0.5", "--category", "tasinabilir");
            assertThat(tagged.exit()).as(tagged.toString()).isZero();
            assertThat(app.getJson("/api/assets/10.0.0.5").at("/asset/manual_category").asText())
                    .isEqualTo("tasinabilir");

            // The forms a resolver guesses at are refused, naming the value, on both ways in.
            Cli.Result guessed = Cli.run(db, home, "tag", "2130706433", "--category", "iot");
            assertThat(guessed.exit()).as(guessed.toString()).isNotZero();
            assertThat(guessed.err().strip()).doesNotContain("\n").contains("'2130706433'");
            try (Response r = app.put("/api/assets/127.1/tag", Map.of("category", "iot"))) {
                assertThat(r.getStatus()).isEqualTo(400);
                assertThat(ApiApp.body(r).get("field").asText()).isEqualTo("ip");
            }
            Cli.Result subnet = Cli.run(db, home, "subnets", "add", "10.0.0.77/24", "--vlan", "10");
            assertThat(subnet.exit()).as(subnet.toString()).isZero();
            assertThat(app.getJson("/api/subnets").at("/subnets/0/cidr").asText()).isEqualTo("10.0.0.0/24");
            Cli.Result shortCidr = Cli.run(db, home, "subnets", "add", "10.1/16");
            assertThat(shortCidr.exit()).as(shortCidr.toString()).isNotZero();
            assertThat(app.getJson("/api/subnets").get("total").asInt()).isEqualTo(1);
        }
    }
}
