/** HTTP for alarms and anomalies: lists, acknowledgement and closure, and the Server-Sent Events stream (docs/alarms.md). */
package liuyu.api.alarms;
