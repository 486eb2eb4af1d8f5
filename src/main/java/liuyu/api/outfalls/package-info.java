/**
 * HTTP for the outfall ledger: records, history, transitions, coverage and annual reports.
 * May use: api, atlas, outfalls, rules.
 */
package liuyu.api.outfalls;
