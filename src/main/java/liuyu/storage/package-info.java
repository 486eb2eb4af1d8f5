/**
 * The record database shared by the features' stores: Flyway migration locations, the embedded database's secret,
 * and the purge of synthetic demo records. Each store lives with its feature (quality, rules, outfalls).
 * May use: JDBC, Flyway; no other liuyu package.
 */
package liuyu.storage;
