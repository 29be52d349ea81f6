/**
 * The Jupyter connection, hardened: the connection file is checked before anything binds, and a message with a missing
 * or wrong signature (or one that cannot be read) is dropped without running, instead of ending the channel's thread.
 */
package org.dnaslab.kernel.channel;
