package io.bigr.discovery.core;

import io.dropwizard.validation.BaseValidator;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

/**
 * The process's one Bean Validation validator. Bootstrapping Hibernate Validator costs a noticeable part of a short
 * command's start, and Dropwizard has already done it for the configuration: the application hands its factory over
 * ({@link #use}) before any command runs, and the code that checks files (rule files, fingerprint files) validates
 * with {@link #validator()}. Without an application (unit tests, tools) the first call builds one, once.
 */
public final class BeanValidation {
    private static volatile Validator shared;

    private BeanValidation() {
    }

    /** From now on, validate with this factory's validator. */
    public static void use(ValidatorFactory factory) {
        shared = factory.getValidator();
    }

    /**
     * Stops sharing the application's factory: the server calls this when it starts serving, because Jersey then
     * makes that factory create constraint validators through its injection manager, which returns none once that
     * server has stopped (a test JVM runs many servers). The next {@link #validator()} builds a standalone one.
     */
    public static void forget() {
        shared = null;
    }

    /** The shared validator (thread-safe). */
    public static Validator validator() {
        Validator v = shared;
        if (v == null) {
            synchronized (BeanValidation.class) {
                v = shared;
                if (v == null) {
                    v = BaseValidator.newValidator();
                    shared = v;
                }
            }
        }
        return v;
    }
}
