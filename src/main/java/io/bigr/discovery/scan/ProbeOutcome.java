package io.bigr.discovery.scan;

/** What one TCP connect probe (after its retries) established about a port. */
public enum ProbeOutcome {
    /** The handshake completed: something listens. */
    OPEN,
    /** The host answered with a reset: it is up, the port is closed. */
    CLOSED,
    /** No answer within the timeout, retries included: filtered, or no host. */
    FILTERED,
    /** The network said the host cannot be reached (no ARP answer, ICMP unreachable). */
    UNREACHABLE,
    /** This machine could not send the probe (no local port, no buffer, no descriptor): says nothing of the host. */
    LOCAL_ERROR;

    /** Connected or refused: either proves the host is alive. */
    public boolean answered() {
        return this == OPEN || this == CLOSED;
    }
}
