/** Progress of long library work (search, selection, training), shown by whoever runs it: terminal or notebook. */
package org.dnaslab.progress;
