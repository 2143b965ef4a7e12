package io.bigr.discovery.classify;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The YAML shape of one rule in each rule file, bound by Jackson (unknown keys rejected, no type coercion) and
 * checked by Bean Validation. Each message is what follows {@code file: rules[i].field: } in the error the user sees;
 * {@link RuleFiles} turns a spec into the domain rule.
 */
final class RuleSpecs {
    static final String REQUIRED = "is required";
    static final String NOT_BLANK = "(?s).*\\S.*";
    static final String EMPTY = "must not be empty";
    static final String PORT = "must be a port number 0-65535, got ${validatedValue}";
    static final String PORTS = "must be a non-empty list of ports";
    static final String STRINGS = "must be a non-empty list of strings";
    /** {categories} is filled in by RuleFiles: the list comes from BigrCategory. */
    static final String SCORES = "must map at least one category ({categories}) to a weight";
    static final String NUMBER = "must be a number";
    static final String WEIGHT = "must be a finite number >= 0, got ${validatedValue}";

    private RuleSpecs() {
    }

    record Port(@NotNull(message = REQUIRED) @Pattern(regexp = NOT_BLANK, message = EMPTY) String name,
                @Pattern(regexp = NOT_BLANK, message = EMPTY) String description,
                @JsonProperty("include_all") @Size(min = 1, message = PORTS)
                List<@NotNull(message = PORT) @Min(value = 0, message = PORT) @Max(value = 65535, message = PORT)
                        Integer> includeAll,
                @JsonProperty("include_any") @Size(min = 1, message = PORTS)
                List<@NotNull(message = PORT) @Min(value = 0, message = PORT) @Max(value = 65535, message = PORT)
                        Integer> includeAny,
                @Size(min = 1, message = PORTS)
                List<@NotNull(message = PORT) @Min(value = 0, message = PORT) @Max(value = 65535, message = PORT)
                        Integer> exclude,
                @NotNull(message = REQUIRED) @Size(min = 1, message = SCORES)
                Map<String, @NotNull(message = NUMBER) @DecimalMin(value = "0", message = WEIGHT) Double> scores) {
    }

    record Vendor(@NotNull(message = REQUIRED) @Pattern(regexp = NOT_BLANK, message = EMPTY) String name,
                  @NotNull(message = REQUIRED) @Size(min = 1, message = STRINGS)
                  List<@NotNull(message = REQUIRED) @Pattern(regexp = NOT_BLANK, message = EMPTY) String> keywords,
                  @NotNull(message = REQUIRED) @Size(min = 1, message = SCORES)
                  Map<String, @NotNull(message = NUMBER) @DecimalMin(value = "0", message = WEIGHT) Double> scores) {
    }

    record Hostname(@NotNull(message = REQUIRED) @Pattern(regexp = NOT_BLANK, message = EMPTY) String name,
                    @NotNull(message = REQUIRED) @Pattern(regexp = NOT_BLANK, message = EMPTY) String pattern,
                    @NotNull(message = REQUIRED) @Size(min = 1, message = SCORES)
                    Map<String, @NotNull(message = NUMBER) @DecimalMin(value = "0", message = WEIGHT) Double> scores) {
    }

    record Service(@NotNull(message = REQUIRED) @Pattern(regexp = NOT_BLANK, message = EMPTY) String name,
                   @Pattern(regexp = NOT_BLANK, message = EMPTY) String description,
                   @NotNull(message = REQUIRED) @Size(min = 1, message = STRINGS)
                   List<@NotNull(message = REQUIRED) @Pattern(regexp = NOT_BLANK, message = EMPTY) String> contains,
                   @NotNull(message = REQUIRED) @Size(min = 1, message = SCORES)
                   Map<String, @NotNull(message = NUMBER) @DecimalMin(value = "0", message = WEIGHT) Double> scores) {
    }
}
