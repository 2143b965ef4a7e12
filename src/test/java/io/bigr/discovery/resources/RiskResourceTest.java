package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.risk.RiskReport;
import java.io.StringWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streamed risk profile writer against Jackson's serialisation of the same record, nulls and odd doubles too. */
class RiskResourceTest {
    @Test
    void profilesAreWrittenExactlyAsJacksonWritesThem() throws Exception {
        Random random = new Random(42);
        double[] odd = {0.0, 1.0, 0.9800000000000001, 0.9900000000000001, 1e-7, 0.1 + 0.2, 10.0, 8.97};
        for (int i = 0; i < 500; i++) {
            boolean nulls = i % 3 == 0;
            RiskReport.Profile p = new RiskReport.Profile("10.0." + i / 256 + "." + i % 256,
                    nulls ? null : "aa:bb:cc:00:00:" + i % 10, nulls ? null : "h\"ost-ğ-" + i,
                    nulls ? null : "Cisco", BigrCategory.IOT, odd[random.nextInt(odd.length)], "critical",
                    new RiskReport.Factors(random.nextDouble(), odd[random.nextInt(odd.length)], 0.8, 0.7,
                            random.nextDouble()), nulls ? null : "CVE-2023-" + i);
            StringWriter out = new StringWriter();
            try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
                RiskResource.writeProfile(g, p);
            }
            assertThat(out.toString()).isEqualTo(Json.write(p));
        }
    }
}
