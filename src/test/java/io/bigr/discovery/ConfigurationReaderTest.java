package io.bigr.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.core.Json;
import io.dropwizard.configuration.ConfigurationParsingException;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.validation.BaseValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration reader gives what Dropwizard's YAML factory gives: the same bound configuration for the packaged
 * files, Dropwizard's own errors for a bad file, and {@code -Ddw.*} overrides applied.
 */
class ConfigurationReaderTest {
    private static final Validator VALIDATOR = BaseValidator.newValidator();
    private static final ObjectMapper MAPPER = Json.configure(Jackson.newObjectMapper());

    @TempDir
    Path tmp;

    private static ConfigurationReader reader() {
        return new ConfigurationReader(ConfigSources.substituting(), VALIDATOR, MAPPER, "dw");
    }

    private static YamlConfigurationFactory<BigrConfiguration> dropwizard() {
        return new YamlConfigurationFactory<>(BigrConfiguration.class, VALIDATOR, MAPPER, "dw");
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(BigrConfiguration c) {
        return MAPPER.valueToTree(c);
    }

    @Test
    void packagedFilesBindAsDropwizardBindsThem() throws Exception {
        // config.yml with its DATABASE_URL given, as Render gives it.
        Path team = tmp.resolve("config.yml");
        try (var in = getClass().getClassLoader().getResourceAsStream("config.yml")) {
            Files.writeString(team, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("${DATABASE_URL}", "postgresql://u:p@127.0.0.1:5432/bigr"));
        }
        for (String file : new String[] {ConfigSources.DEFAULT, team.toString()}) {
            BigrConfiguration ours = reader().build(ConfigSources.substituting(), file);
            BigrConfiguration theirs = dropwizard().build(ConfigSources.substituting(), file);
            assertThat(tree(ours)).as(file).isEqualTo(tree(theirs));
        }
        assertThat(tree(reader().build())).isEqualTo(
                tree(dropwizard().build(ConfigSources.substituting(), ConfigSources.DEFAULT)));
    }

    @Test
    void aWrongTypeIsDropwizardsErrorNamingTheField() throws Exception {
        Path bad = tmp.resolve("bad.yml");
        Files.writeString(bad, "database:\n  url: sqlite:///x.db\n  maxSize: lots\n");
        assertThatThrownBy(() -> reader().build(new FileConfigurationSourceProvider(), bad.toString()))
                .isInstanceOf(ConfigurationParsingException.class)
                .hasMessageContaining(bad.toString() + " has an error")
                .hasMessageContaining("database.maxSize")
                .hasMessageContaining("Incorrect type of value");
    }

    @Test
    void aConstraintViolationIsDropwizardsValidationError() throws Exception {
        Path bad = tmp.resolve("invalid.yml");
        Files.writeString(bad, "database:\n  url: sqlite:///x.db\n  maxSize: 0\n");
        assertThatThrownBy(() -> reader().build(new FileConfigurationSourceProvider(), bad.toString()))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("database.maxSize");
    }

    @Test
    void aSystemPropertyOverrideIsApplied() throws Exception {
        Path file = tmp.resolve("ok.yml");
        Files.writeString(file, "database:\n  url: sqlite:///x.db\n  maxSize: 4\n");
        System.setProperty("dw.database.maxSize", "3");
        try {
            BigrConfiguration c = reader().build(new FileConfigurationSourceProvider(), file.toString());
            assertThat(c.getDatabase().getMaxSize()).isEqualTo(3);
        } finally {
            System.clearProperty("dw.database.maxSize");
        }
        assertThat(reader().build(new FileConfigurationSourceProvider(), file.toString()).getDatabase().getMaxSize())
                .isEqualTo(4);
    }

    @Test
    void aCommandThatServesNothingSkipsOnlyTheServersOwnSections() throws Exception {
        ConfigurationReader forCommands = new ConfigurationReader(ConfigSources.substituting(),
                ConfigurationReader.forCommands(BaseValidator.newConfiguration().buildValidatorFactory()), VALIDATOR,
                MAPPER, "dw");
        Path badServer = tmp.resolve("bad-server.yml");
        Files.writeString(badServer, "server:\n  type: simple\n  connector:\n    type: http\n    port: 99999\n"
                + "database:\n  url: sqlite:///x.db\n");
        // `bigr history` with it runs; `bigr server` and `bigr check` (every section) refuse it.
        assertThat(forCommands.build(new FileConfigurationSourceProvider(), badServer.toString())
                .getDatabase().getUrl()).contains("x.db");
        assertThatThrownBy(() -> reader().build(new FileConfigurationSourceProvider(), badServer.toString()))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("server.connector.port");
        // Every section a command uses is still validated, and an unknown key anywhere still stops it.
        Path badDatabase = tmp.resolve("bad-database.yml");
        Files.writeString(badDatabase, "database:\n  url: sqlite:///x.db\n  maxSize: 0\n");
        assertThatThrownBy(() -> forCommands.build(new FileConfigurationSourceProvider(), badDatabase.toString()))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("database.maxSize");
        Path unknown = tmp.resolve("unknown.yml");
        Files.writeString(unknown, "server:\n  type: simple\n  conector: {}\ndatabase:\n  url: sqlite:///x.db\n");
        ConfigurationReader strict = new ConfigurationReader(ConfigSources.substituting(),
                ConfigurationReader.forCommands(BaseValidator.newConfiguration().buildValidatorFactory()), VALIDATOR,
                MAPPER.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES),
                "dw");
        assertThatThrownBy(() -> strict.build(new FileConfigurationSourceProvider(), unknown.toString()))
                .isInstanceOf(ConfigurationParsingException.class)
                .hasMessageContaining("conector");
    }

    /** The command line reads the file while the bootstrap is built; the bootstrap's reader validates that copy. */
    @Test
    void aFileReadAheadIsValidatedInsteadOfReadAgainOnce() throws Exception {
        Path file = tmp.resolve("ahead.yml");
        Files.writeString(file, "database:\n  url: sqlite:///x.db\n  maxSize: 3\n");
        var sources = ConfigSources.substituting();
        var ahead = new java.util.concurrent.atomic.AtomicReference<ConfigurationReader.Ahead>();
        ConfigurationReader reader = new ConfigurationReader(sources, VALIDATOR, VALIDATOR, MAPPER, "dw", ahead);
        ahead.set(ConfigurationReader.readAhead(file.toString()));
        assertThat(ahead.get().config().getDatabase().getMaxSize()).isEqualTo(3);

        Files.writeString(file, "database:\n  url: sqlite:///x.db\n  maxSize: 2\n");
        assertThat(reader.build(sources, file.toString()).getDatabase().getMaxSize())
                .as("the copy read ahead").isEqualTo(3);
        assertThat(ahead.get()).as("taken once").isNull();
        assertThat(reader.build(sources, file.toString()).getDatabase().getMaxSize())
                .as("read again").isEqualTo(2);

        // Another path, another provider or an invalid copy: read and checked as always.
        ahead.set(ConfigurationReader.readAhead(file.toString()));
        assertThat(reader.build(sources, ConfigSources.DEFAULT).getDatabase().getMaxSize()).isEqualTo(4);
        ahead.set(ConfigurationReader.readAhead(file.toString()));
        assertThat(reader.build(ConfigSources.substituting(), file.toString()).getDatabase().getMaxSize()).isEqualTo(2);
        Files.writeString(file, "database:\n  url: sqlite:///x.db\n  maxSize: 0\n");
        ahead.set(ConfigurationReader.readAhead(file.toString()));
        assertThatThrownBy(() -> reader.build(sources, file.toString()))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("database.maxSize");
        assertThat(ConfigurationReader.readAhead(tmp.resolve("missing.yml").toString()))
                .as("nothing to read: left to the reader's own error").isNull();
    }

    @Test
    void theMapperIsDropwizardsWithoutBlackbird() {
        ObjectMapper ours = Json.newMapper();
        ObjectMapper theirs = Jackson.newObjectMapper();
        assertThat(ours.getRegisteredModuleIds()).doesNotContain("com.fasterxml.jackson.module.blackbird.BlackbirdModule");
        java.util.Set<Object> expected = new java.util.HashSet<>(theirs.getRegisteredModuleIds());
        expected.remove("com.fasterxml.jackson.module.blackbird.BlackbirdModule");
        assertThat(ours.getRegisteredModuleIds()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ours.getPropertyNamingStrategy()).isInstanceOf(theirs.getPropertyNamingStrategy().getClass());
        assertThat(ours.getSubtypeResolver()).isInstanceOf(theirs.getSubtypeResolver().getClass());
        assertThat(ours.getDeserializationConfig().getDeserializationFeatures())
                .isEqualTo(theirs.getDeserializationConfig().getDeserializationFeatures());
    }
}
