/**
 * The atlas: layers, features, provenance, the loader and its checks, the immutable snapshot with its zone index,
 * the PostGIS layer source, importer and reloader, and {@link liuyu.atlas.AtlasSchema} naming the layers the code
 * depends on. May use: geo; JDBC for the PostGIS source.
 */
package liuyu.atlas;
