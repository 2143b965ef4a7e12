package io.bigr.discovery.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code inventory:} in the configuration: bound from YAML, validated naming the field (docs/DOMAIN.md §3.15). */
class PresenceFactoryTest {
    private static final ObjectMapper YAML = Jackson.newObjectMapper(new YAMLFactory());

    private static PresenceFactory read(String yaml) throws Exception {
        return YAML.readValue(yaml, PresenceFactory.class);
    }

    @Test
    void defaultsAreThreeMissesOrThirtyDays() throws Exception {
        assertThat(new PresenceFactory().build()).isEqualTo(InventoryStore.Presence.DEFAULT);
        assertThat(InventoryStore.Presence.DEFAULT)
                .isEqualTo(new InventoryStore.Presence(3, Duration.ofDays(30)));
        assertThat(read("goneAfterMisses: 5\ngoneAfterAge: 12 hours").build())
                .isEqualTo(new InventoryStore.Presence(5, Duration.ofHours(12)));
        assertThat(read("goneAfterAge: null").build().goneAfterAge()).isNull();
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheField() throws Exception {
        var validator = Validators.newValidator();
        assertThat(validator.validate(read("goneAfterMisses: 0"))).extracting(v -> v.getPropertyPath().toString())
                .containsExactly("goneAfterMisses");
        assertThat(validator.validate(read("goneAfterAge: 10 seconds")))
                .extracting(ConstraintViolation::getPropertyPath).extracting(Object::toString)
                .containsExactly("goneAfterAge");
        assertThat(validator.validate(read("goneAfterMisses: 3"))).isEmpty();
    }
}
