/** The weight-sharing supernet: mixed ops, search cells, macro networks, and architecture parameters kept apart. */
package org.dnaslab.supernet;
