/**
 * Image datasets (Fashion-MNIST and other idx sets, CIFAR-10 binary batches, seeded synthetic sets), stored as bytes
 * and normalised on copy, with seeded train/validation split strategies.
 */
package org.dnaslab.data;
