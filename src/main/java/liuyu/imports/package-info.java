/**
 * Bringing users' data in: reading files through GDAL, CRSs and encodings, attribute mapping, checks, and writing
 * an atlas directory. May use: atlas, geo.
 */
package liuyu.imports;
