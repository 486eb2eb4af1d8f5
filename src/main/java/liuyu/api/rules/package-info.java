/**
 * HTTP for rules: rules and activities, documents, project checks and recorded check reports.
 * May use: api, api.guard, atlas, geo, reports, rules.
 */
package liuyu.api.rules;
