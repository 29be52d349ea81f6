/**
 * Progress of long library work (search, selection, training) as plain events, shown by whoever runs it through a
 * {@link org.dnaslab.progress.ProgressReporter}: a console line, a notebook, or nothing. It imports no other package
 * of the library and no logging or UI framework, so every stage can report without choosing how it is shown.
 */
package org.dnaslab.progress;
