/**
 * Image datasets, stored as bytes and normalised on copy into a batch: Fashion-MNIST and other idx sets, CIFAR-10
 * binary batches and seeded synthetic sets for tests, with the seeded train/validation split strategies. The first
 * stage of the pipeline: it imports no other package of the library and no tensor library, so it can be read and
 * tested alone. It must not train, augment (Cutout belongs to evaluate) or download anything: data comes from
 * Debian's packages or local files.
 */
package org.dnaslab.data;
