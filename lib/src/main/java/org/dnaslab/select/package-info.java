/** Architecture selection (discretization): magnitude, perturbation-based (PT), and the single-stage protocol. */
package org.dnaslab.select;
