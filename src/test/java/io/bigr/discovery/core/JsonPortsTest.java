package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stored ports are read without a JSON tree when plain; the result never differs from the tree reading. */
class JsonPortsTest {
    /** The reading every stored ports column had before the plain fast path. */
    private static List<Integer> viaTree(String text) {
        List<Integer> ports = new ArrayList<>();
        JsonNode node = Json.parseOrNull(text);
        if (node != null && node.isArray()) {
            node.forEach(n -> {
                if (n.canConvertToInt()) {
                    ports.add(n.intValue());
                }
            });
        }
        return ports;
    }

    @ParameterizedTest
    @ValueSource(strings = {"[22, 80, 443]", "[]", "[ ]", "[0]", "[65535,1]", "[ 22 ,80 ]", "[123456789]",
        "[1234567890]", "[01]", "[1,]", "[,1]", "[1 2]", "[-1, 5]", "[1.5, 22]", "[22,,80]", "{\"a\":1}", "garbage",
        "", " ", "[\"22\"]", "[22] x", "[null, 3]"})
    void parsePortsEqualsTheTreeReading(String text) {
        assertThat(Json.parsePorts(text)).isEqualTo(viaTree(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[] | true", "[ ] | true", "[1] | true", "[1, 2,3] | true", "[0] | true", "[123456789] | true",
        "[1234567890] | false", "[01] | false", "[1,] | false", "[,1] | false", "[1 2] | false", "[-1] | false",
        "[1.0] | false", "1 | false", "[ | false", "'' | false"})
    void plainFormIsRecognisedExactly(String text, boolean plain) {
        assertThat(Json.plainInts(text) != null).isEqualTo(plain);
    }
}
