package org.dnaslab.kernel.session;

/** A magic that could not do what was asked, for a reason its message states in full: shown without a stack trace. */
public final class MagicException extends RuntimeException {
    public MagicException(String message) {
        super(message);
    }
}
