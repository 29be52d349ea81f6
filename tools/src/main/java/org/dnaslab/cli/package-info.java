/**
 * The command line behind {@code ./lab search|bench|soak|findings|quick-honest}, in the tools module: picocli
 * commands that parse options, call the library's public API and print. Nothing here is API; no library class may
 * depend on this package, and the logging binding (slf4j-simple) is chosen by this module, never by the library.
 */
package org.dnaslab.cli;
