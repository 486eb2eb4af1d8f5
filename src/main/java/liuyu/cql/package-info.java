/**
 * CQL2 (OGC API – Features Part 3): Text and JSON parsers, filters evaluated on features, the same filters as SQL
 * for PostGIS, sortby. May use: atlas, geo; the generated ANTLR parser.
 */
package liuyu.cql;
