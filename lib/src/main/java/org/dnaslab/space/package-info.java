/** Search spaces (cells, edges, candidate operations) and discrete architectures, with their text and JSON forms. */
package org.dnaslab.space;
