package io.bigr.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TreeTraversingParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bigr.discovery.core.Json;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the YAML configuration exactly as Dropwizard's {@link YamlConfigurationFactory} does (parse, bind, validate),
 * without its start-up cost: that factory describes every configuration class up front (for {@code -Ddw.*}
 * overrides) whether or not an override is given, about a fifth of a short command's run. The common case (no
 * {@code dw.} system property, a file that binds and validates) is read here directly; anything else (an override,
 * a parse or binding error, a constraint violation) is handed to Dropwizard's factory, so overrides, error messages
 * and suggestions stay Dropwizard's own. Without a path, {@link ConfigSources#DEFAULT} is read.
 *
 * <p>A command that does not serve HTTP reads the whole file (an unknown or mistyped key stops it as before) but
 * validates only the sections it can use: {@link #forCommands} leaves out the constraints inside {@code server},
 * {@code metrics}, {@code admin} and {@code health}, which describe Jetty's connectors, thread pools, request log and
 * reporters (more than half of validating the configuration). {@code bigr server} and {@code bigr check} validate
 * everything, and a file that fails the quick check is always validated whole by Dropwizard's factory.
 */
final class ConfigurationReader implements ConfigurationFactory<BigrConfiguration> {
    private static final String OVERRIDE_PREFIX = "dw.";
    private final ConfigurationSourceProvider sources;
    private final Validator quickValidator;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final String propertyPrefix;
    /** What the command line read ahead for this reader (taken once); null: none. */
    private final AtomicReference<Ahead> ahead;

    ConfigurationReader(ConfigurationSourceProvider sources, Validator validator, ObjectMapper mapper,
                        String propertyPrefix) {
        this(sources, validator, validator, mapper, propertyPrefix);
    }

    /** As above; the common case is validated with {@code quickValidator}, failures with {@code validator}. */
    ConfigurationReader(ConfigurationSourceProvider sources, Validator quickValidator, Validator validator,
                        ObjectMapper mapper, String propertyPrefix) {
        this(sources, quickValidator, validator, mapper, propertyPrefix, null);
    }

    /**
     * As above; a {@link #readAhead} result placed in {@code ahead} for the same path is used (once) instead of
     * reading that file again, when {@link #build} is given this reader's own {@code sources}.
     */
    ConfigurationReader(ConfigurationSourceProvider sources, Validator quickValidator, Validator validator,
                        ObjectMapper mapper, String propertyPrefix, AtomicReference<Ahead> ahead) {
        this.sources = sources;
        this.quickValidator = quickValidator;
        this.validator = validator;
        this.mapper = mapper;
        this.propertyPrefix = propertyPrefix.endsWith(".") ? propertyPrefix : propertyPrefix + ".";
        this.ahead = ahead;
    }

    /** A validator from {@code factory} that does not descend into the sections only a serving command reads. */
    static Validator forCommands(ValidatorFactory factory) {
        return factory.usingContext().traversableResolver(new CommandSections()).getValidator();
    }

    /** Cascades into every configuration section except those of {@link #SERVING_ONLY}. */
    static final class CommandSections implements TraversableResolver {
        /** Dropwizard's sections that only {@code server} uses (the HTTP server, its metrics, admin and health). */
        static final Set<String> SERVING_ONLY = Set.of("server", "metrics", "admin", "health");

        @Override
        public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
                                   Path pathToTraversableObject, ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
                                    Path pathToTraversableObject, ElementType elementType) {
            return !(traversableObject instanceof io.dropwizard.core.Configuration
                    && SERVING_ONLY.contains(traversableProperty.getName()));
        }
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
        if (path == null || overridden(propertyPrefix)) {
            return null;
        }
        Ahead read = ahead == null ? null : ahead.getAndSet(null);
        BigrConfiguration config = read != null && provider == sources && path.equals(read.path()) ? read.config()
                : bind(provider, path, mapper);
        return config != null && quickValidator.validate(config).isEmpty() ? config : null;
    }

    /** A configuration read and bound before the bootstrap existed ({@link #readAhead}). */
    record Ahead(String path, BigrConfiguration config) {
    }

    /**
     * Reads and binds {@code path} (null: {@link ConfigSources#DEFAULT}) as the reader of a command's bootstrap would,
     * without that bootstrap: the command line calls this on its own thread while the bootstrap (Dropwizard's mapper,
     * Hibernate Validator) is built on another, and the reader handed the result validates it instead of reading the
     * file again (docs/STACK-NOTES.md Q6). Null when anything needs Dropwizard's own handling; {@link #build} then
     * reads and reports as before.
     */
    static Ahead readAhead(String path) {
        String p = path == null ? ConfigSources.DEFAULT : path;
        if (overridden("dw.")) {
            return null;
        }
        BigrConfiguration config = bind(ConfigSources.substituting(), p, Json.MAPPER.copy()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        return config == null ? null : new Ahead(p, config);
    }

    private static boolean overridden(String propertyPrefix) {
        return System.getProperties().stringPropertyNames().stream()
                .anyMatch(p -> p.startsWith(propertyPrefix) || p.startsWith(OVERRIDE_PREFIX));
    }

    /** The file parsed and bound; null when it does not parse or bind (Dropwizard's factory then says why). */
    private static BigrConfiguration bind(ConfigurationSourceProvider provider, String path, ObjectMapper mapper) {
        try (InputStream in = provider.open(path)) {
            JsonNode node = mapper.readTree(new YAMLFactory().createParser(in));
            if (node == null || !node.isObject()) {
                return null;
            }
            return mapper.readValue(new TreeTraversingParser(node, mapper), BigrConfiguration.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private YamlConfigurationFactory<BigrConfiguration> dropwizard() {
        return new YamlConfigurationFactory<>(BigrConfiguration.class, validator, mapper,
                propertyPrefix.substring(0, propertyPrefix.length() - 1));
    }
}
