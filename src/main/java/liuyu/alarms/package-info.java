/**
 * Automatic anomaly detection and alarms (issue 25): anomaly rules as data judge every stored value and each
 * series (range, negative, flat line, spike, transmission gap, disagreement with the manual comparison); findings
 * and exceedances of a section's water-quality target become alarms, acknowledged and closed with reasons,
 * streamed and posted to webhooks. Append-only, like the observations they judge.
 */
package liuyu.alarms;
