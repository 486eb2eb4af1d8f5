/**
 * Protection rules as data: the rule catalogue (rules, activities, documents, clauses, authorities), project
 * reading and checking ({@link liuyu.rules.ProjectChecks}), verdicts, and the recorded check reports and their store
 * ({@link liuyu.rules.CheckReportStore}). May use: atlas, geo, network; JDBC for its store.
 */
package liuyu.rules;
