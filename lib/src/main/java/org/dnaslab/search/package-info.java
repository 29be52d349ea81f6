/**
 * The DARTS bilevel search: the α-step and the w-step (first order, or second order through the unrolled gradient),
 * the optimizers written to match {@code torch.optim} (Adam, SGD with momentum) with the cosine schedule, gradient
 * bookkeeping and clipping, listeners and progress, and the checkpoints and run record that make a search
 * resumable. It trains a supernet and returns its α and history; it must not discretize (select), train
 * architectures from scratch (evaluate) or draw (report), and a regularizer reaches it only as a
 * {@link org.dnaslab.search.LossTerm} handed in by the caller, never by importing regularize.
 */
package org.dnaslab.search;
