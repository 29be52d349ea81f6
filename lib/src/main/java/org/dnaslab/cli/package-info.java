/** The command line ({@code ./lab search}, {@code ./lab bench}); the library's API is the rest. */
package org.dnaslab.cli;
