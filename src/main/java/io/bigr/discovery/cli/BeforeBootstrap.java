package io.bigr.discovery.cli;

import net.sourceforge.argparse4j.inf.Namespace;

/**
 * A command with work to start as soon as its arguments are parsed, before the application's bootstrap (Jackson,
 * Hibernate Validator, the configuration) is ready: {@code bigr scan} checks its arguments and sends its first probes
 * while the bootstrap is still being built on another thread (docs/STACK-NOTES.md Q6). {@link BigrCli} calls
 * {@link #beforeBootstrap} once, then the command's {@code run} with the finished bootstrap.
 */
public interface BeforeBootstrap {
    /** Checks what needs no configuration and starts what can start; a failure here ends the command. */
    void beforeBootstrap(Namespace ns) throws Exception;
}
