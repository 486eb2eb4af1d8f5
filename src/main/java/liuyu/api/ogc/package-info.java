/**
 * OGC API – Features and Tiles: landing page, conformance, OpenAPI document, collections, items with CQL2 filters,
 * sorting and CRSs, HTML pages, ETags. May use: api, atlas, cql, geo, tiles.
 */
package liuyu.api.ogc;
