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
