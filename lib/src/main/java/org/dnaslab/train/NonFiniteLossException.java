package org.dnaslab.train;

/**
 * A training step's loss became NaN or infinite. The message names the epoch, the batch and the loss; the loop
 * stops there, and a search does not save the spoiled state over its last checkpoint.
 */
public final class NonFiniteLossException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NonFiniteLossException(String message) {
        super(message);
    }
}
