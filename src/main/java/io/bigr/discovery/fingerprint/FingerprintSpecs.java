package io.bigr.discovery.fingerprint;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The YAML shape of one fingerprint and of one example, bound by Jackson (unknown keys rejected, no coercion) and
 * checked by Bean Validation. Each message is what follows {@code file: fingerprints[i].field: } in the error.
 */
final class FingerprintSpecs {
    static final String REQUIRED = "is required";
    static final String NOT_BLANK = "(?s).*\\S.*";
    static final String EMPTY = "must not be empty";
    static final String ID = "must be lower-case letters, digits, '.', '_' or '-', got '${validatedValue}'";
    static final String CERTAINTY = "must be a number from 0 to 1, got ${validatedValue}";
    static final String EXAMPLES = "needs at least one example (a real string the pattern matches)";

    private FingerprintSpecs() {
    }

    record Entry(@NotNull(message = REQUIRED) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = ID) String id,
                 @NotNull(message = REQUIRED) @Pattern(regexp = NOT_BLANK, message = EMPTY) String kind,
                 @NotNull(message = REQUIRED) @Pattern(regexp = NOT_BLANK, message = EMPTY) String pattern,
                 @Pattern(regexp = NOT_BLANK, message = EMPTY) String description,
                 @JsonProperty("device_type") @Pattern(regexp = NOT_BLANK, message = EMPTY) String deviceType,
                 @Pattern(regexp = NOT_BLANK, message = EMPTY) String vendor,
                 @Pattern(regexp = NOT_BLANK, message = EMPTY) String product,
                 @Pattern(regexp = NOT_BLANK, message = EMPTY) String version,
                 @Pattern(regexp = NOT_BLANK, message = EMPTY) String os,
                 @JsonProperty("os_version") @Pattern(regexp = NOT_BLANK, message = EMPTY) String osVersion,
                 @NotNull(message = REQUIRED) @DecimalMin(value = "0", message = CERTAINTY)
                 @DecimalMax(value = "1", message = CERTAINTY) Double certainty,
                 @NotNull(message = EXAMPLES) @Size(min = 1, message = EXAMPLES)
                 List<@NotNull(message = REQUIRED) @Valid Example> examples) {
    }

    record Example(@NotNull(message = REQUIRED) @Pattern(regexp = NOT_BLANK, message = EMPTY) String text,
                   @JsonProperty("device_type") String deviceType,
                   String vendor, String product, String version, String os,
                   @JsonProperty("os_version") String osVersion) {
    }
}
