/**
 * The command line (picocli): serve (default), import, import-network, check, bands, purge-synthetic. An adapter
 * over the features, like api; it never uses api. May use: every feature package.
 */
package liuyu.cli;
