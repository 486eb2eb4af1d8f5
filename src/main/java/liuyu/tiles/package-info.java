/**
 * Mapbox vector tiles in the WebMercatorQuad tile matrix set, cut from the atlas. May use: atlas, geo.
 */
package liuyu.tiles;
