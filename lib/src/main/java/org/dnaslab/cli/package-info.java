/**
 * The command line ({@code ./lab search}, {@code ./lab bench}, …); the library's API is the rest. A tool, not
 * library API: picocli and an SLF4J binding are a program's choice, not a library's, so it is to leave the library
 * jar for the tools module (issue 13), and nothing in the library may import it.
 */
package org.dnaslab.cli;
