package org.dnaslab.kernel.session;

/**
 * A cell threw something that is not an {@link Exception} (an {@link Error}), or something JShell reports without the
 * original throwable. Wrapping keeps the kernel's request loop, which only catches exceptions, alive.
 */
public final class EvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
