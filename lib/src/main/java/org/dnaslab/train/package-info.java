/**
 * The one shape of every training: a {@link org.dnaslab.train.TrainingLoop} runs epochs of steps whose content a
 * {@link org.dnaslab.train.TrainingLoop.Body} supplies, and the settings they share:
 * {@link org.dnaslab.train.SgdSettings}, {@link org.dnaslab.train.AdamSettings} and the one learning-rate schedule,
 * {@link org.dnaslab.train.LrSchedule} (constant or cosine, annealed per epoch or per step). The DARTS search,
 * fine-tuning, PT's tuning intervals, the single-stage protocol and training from scratch are configurations of
 * this loop (their steps, {@code WeightStep}, {@code ArchitectureStep} and {@code BilevelStep}, and the search's
 * checkpointer live in {@link org.dnaslab.search}). This package holds no network, data or optimizer code and
 * imports nothing above {@code progress}; it must not grow a second loop.
 *
 * <h2>The interruption contract (every long call of the library)</h2>
 * A long call — {@code DartsSearch.run}, {@code FineTuner.tune}, {@code PerturbationSelector.select},
 * {@code SingleStageProtocol.run}, {@code ScratchTrainer.train}, and the measurements of
 * {@code SupernetEvaluator} and {@code PerturbationEvaluator} — checks its thread's interrupt flag before each step.
 * When it is set, the call stops before that step and throws
 * {@link org.dnaslab.train.TrainingInterruptedException}, whose message says where it stopped and what was kept,
 * and the interrupt flag is left set, so that every caller up the stack stops too (a notebook kernel clears it
 * before the next cell). Nothing partial is returned: a result that exists is complete. What the objects keep:
 * a {@code DartsSearch} saves its run directory (if it has one) before throwing, its {@code status()} is
 * {@code INTERRUPTED}, and calling {@code run} again continues at the step it stopped at; a fine-tuned or PT-selected
 * supernet keeps the steps and decisions taken so far; a training from scratch is dropped. A step already started
 * always completes, so a stop takes at most one step. A NaN or infinite loss stops a loop the same way, with
 * {@link org.dnaslab.train.NonFiniteLossException} (a search then refuses to save the spoiled state).
 */
package org.dnaslab.train;
