/** The magics IJava and JJava users know: {@code %classpath}, {@code %jars}, {@code %load}, {@code %time}/{@code %%time}. */
package org.dnaslab.kernel.magic;
