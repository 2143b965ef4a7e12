package io.bigr.discovery.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which Jackson mappers this process builds. Dropwizard's ({@code Jackson.newObjectMapper}) scans the class path for
 * modules and adds Blackbird, which generates an accessor class per bound property: worth it in a server that binds
 * the same types for every request, pure start-up cost in a command that binds its configuration once. A short
 * command calls {@link #preferLean} before any mapper is built and gets {@link #lean} mappers: the same modules,
 * naming and subtype resolution, without the scan and without Blackbird.
 */
public final class JsonMappers {
    private static volatile boolean lean;

    private JsonMappers() {
    }

    /** From now on {@link #standard} builds lean mappers (for commands that do not serve HTTP). */
    public static void preferLean() {
        lean = true;
    }

    public static boolean leanPreferred() {
        return lean;
    }

    /** Dropwizard's mapper, or a lean one after {@link #preferLean}. */
    public static ObjectMapper standard() {
        return lean ? lean() : io.dropwizard.jackson.Jackson.newObjectMapper();
    }

    /** Dropwizard's configuration minus the module scan and Blackbird. */
    public static ObjectMapper lean() {
        ObjectMapper m = new ObjectMapper();
        m.registerModule(new com.fasterxml.jackson.datatype.guava.GuavaModule());
        m.registerModule(new io.dropwizard.jackson.GuavaExtrasModule());
        m.registerModule(new io.dropwizard.jackson.CaffeineModule());
        m.registerModule(new io.dropwizard.jackson.FuzzyEnumModule());
        m.registerModule(new com.fasterxml.jackson.module.paramnames.ParameterNamesModule());
        m.registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module());
        m.registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        m.setPropertyNamingStrategy(new io.dropwizard.jackson.AnnotationSensitivePropertyNamingStrategy());
        m.setSubtypeResolver(new io.dropwizard.jackson.DiscoverableSubtypeResolver());
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return m;
    }
}
