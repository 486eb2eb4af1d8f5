/**
 * The outfall ledger (入河排污口): its commands (LedgerCommands: validated writes) and queries (LedgerQueries: the
 * in-memory read model), records with history, lifecycle 查测溯治, authority and compliance assessment,
 * coverage and annual reports, its store, and the outfalls layer it publishes into the atlas.
 * May use: atlas, deploy, geo, network, quality, rules; JDBC for its store.
 */
package liuyu.outfalls;
