/**
 * Figures and tables of results: drawn cells, charts (XChart), tables (Tablesaw), findings with their claims and
 * verdicts, budgets, and HTML run reports. Pure Java that reads results and run records: it trains and measures
 * nothing, and it never knows about Jupyter (the kernel shows what it draws).
 */
package org.dnaslab.report;
