package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import org.dnaslab.supernet.ArchitectureParameters;

import java.util.Map;

/**
 * A term added to the architecture step's loss: entropy regularisation, DA2S's discretization-aware loss, ….
 * Implementations live in the regularize package; the search only adds what they return.
 */
public interface LossTerm {
    /**
     * @param epoch  0-based current epoch
     * @param epochs total epochs of the search
     * @return a scalar array (on the architecture parameters' graph), or null for no term this epoch
     */
    NDArray penalty(ArchitectureParameters arch, int epoch, int epochs);

    /** Name and settings, recorded in the run record. */
    Map<String, Object> describe();
}
