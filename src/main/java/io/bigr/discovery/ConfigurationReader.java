package io.bigr.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TreeTraversingParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the YAML configuration exactly as Dropwizard's {@link YamlConfigurationFactory} does (parse, bind, validate),
 * without its start-up cost: that factory describes every configuration class up front (for {@code -Ddw.*}
 * overrides) whether or not an override is given, about a fifth of a short command's run. The common case (no
 * {@code dw.} system property, a file that binds and validates) is read here directly; anything else (an override,
 * a parse or binding error, a constraint violation) is handed to Dropwizard's factory, so overrides, error messages
 * and suggestions stay Dropwizard's own. Without a path, {@link ConfigSources#DEFAULT} is read.
 */
final class ConfigurationReader implements ConfigurationFactory<BigrConfiguration> {
    private static final String OVERRIDE_PREFIX = "dw.";
    private final ConfigurationSourceProvider sources;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final String propertyPrefix;

    ConfigurationReader(ConfigurationSourceProvider sources, Validator validator, ObjectMapper mapper,
                        String propertyPrefix) {
        this.sources = sources;
        this.validator = validator;
        this.mapper = mapper;
        this.propertyPrefix = propertyPrefix.endsWith(".") ? propertyPrefix : propertyPrefix + ".";
    }

    @Override
    public BigrConfiguration build(ConfigurationSourceProvider provider, String path)
            throws IOException, ConfigurationException {
        BigrConfiguration quick = quickly(provider, path);
        return quick != null ? quick : dropwizard().build(provider, path);
    }

    @Override
    public BigrConfiguration build() throws IOException, ConfigurationException {
        return build(sources, ConfigSources.DEFAULT);
    }

    /** The configuration when nothing needs Dropwizard's own handling, else null. */
    private BigrConfiguration quickly(ConfigurationSourceProvider provider, String path) {
        if (path == null || System.getProperties().stringPropertyNames().stream()
                .anyMatch(p -> p.startsWith(propertyPrefix) || p.startsWith(OVERRIDE_PREFIX))) {
            return null;
        }
        try (InputStream in = provider.open(path)) {
            JsonNode node = mapper.readTree(new YAMLFactory().createParser(in));
            if (node == null || !node.isObject()) {
                return null;
            }
            BigrConfiguration config = mapper.readValue(new TreeTraversingParser(node, mapper),
                    BigrConfiguration.class);
            return validator.validate(config).isEmpty() ? config : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private YamlConfigurationFactory<BigrConfiguration> dropwizard() {
        return new YamlConfigurationFactory<>(BigrConfiguration.class, validator, mapper,
                propertyPrefix.substring(0, propertyPrefix.length() - 1));
    }
}
