/**
 * The record database shared by the features' stores: Flyway migration locations, the embedded database's secret,
 * the purge of synthetic demo records, and on PostgreSQL the monthly partitions of observations (made ahead of time). Each store lives with its feature (quality, rules, outfalls).
 * May use: JDBC, Flyway; no other liuyu package.
 */
package liuyu.storage;
