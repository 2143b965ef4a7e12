package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BigrCategoryTest {

    @Test
    void manualOverrideIsNullWhenNotTaggedAndExactOtherwise() {
        assertThat(BigrCategory.manualOverride(null)).isNull();
        assertThat(BigrCategory.manualOverride("")).isNull();
        assertThat(BigrCategory.manualOverride("iot")).isEqualTo(BigrCategory.IOT);
        assertThat(BigrCategory.manualOverride("tasinabilir")).isEqualTo(BigrCategory.TASINABILIR);
        // The engines only ever counted exact wire values: unknown, differently-cased or padded text is unclassified.
        assertThat(BigrCategory.manualOverride("printer")).isEqualTo(BigrCategory.UNCLASSIFIED);
        assertThat(BigrCategory.manualOverride("IOT")).isEqualTo(BigrCategory.UNCLASSIFIED);
        assertThat(BigrCategory.manualOverride(" iot")).isEqualTo(BigrCategory.UNCLASSIFIED);
    }

    @Test
    void storedValuesReadLeniently() {
        assertThat(BigrCategory.fromValue("printer")).isEqualTo(BigrCategory.UNCLASSIFIED);
        assertThat(BigrCategory.fromValue(null)).isEqualTo(BigrCategory.UNCLASSIFIED);
        assertThat(BigrCategory.fromValue("iot")).isEqualTo(BigrCategory.IOT);
    }
}
