/** Figures and tables of results: drawn cells, charts and run reports. Pure Java; it never knows about Jupyter. */
package org.dnaslab.report;
