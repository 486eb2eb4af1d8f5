/**
 * Liuyu (流域): a geospatial service for Beijing's water. Packages are features, each owning its service and its
 * store; {@code api} (HTTP) and {@code cli} (command line) are thin adapters over them. The package rules are kept by
 * {@code liuyu.ArchitectureTest}: no cycles, features never use the adapters, only {@code api} speaks HTTP.
 */
package liuyu;
