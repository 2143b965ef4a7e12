package io.bigr.discovery;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where configuration comes from: a file path, or {@code classpath:NAME} for the copies packaged in the jar. Every
 * source gets {@code ${VAR:-default}} substitution from the environment.
 */
final class ConfigSources implements ConfigurationSourceProvider {
    /** What every command runs with when no config file is given: the packaged config-local.yml. */
    static final String DEFAULT = "classpath:config-local.yml";

    static ConfigurationSourceProvider substituting() {
        return new SubstitutingSourceProvider(new ConfigSources(), new EnvironmentVariableSubstitutor(false));
    }

    @Override
    public InputStream open(String path) throws IOException {
        if (path.startsWith("classpath:")) {
            String name = path.substring("classpath:".length());
            InputStream in = ConfigSources.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new FileNotFoundException("packaged configuration " + name + " is missing");
            }
            return in;
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("configuration file not found: " + path);
        }
        return Files.newInputStream(file);
    }
}
