/**
 * The map page's questions that are not atlas queries: place names with their pinyin and initials
 * ({@link liuyu.map.PlaceNames}) and coordinates typed as people paste them — decimal degrees, DMS, GCJ-02, BD-09,
 * CGCS2000 Gauss-Krüger ({@link liuyu.map.CoordinateText}). Uses {@code atlas} and {@code geo}; its HTTP adapter is
 * {@code api.map}.
 */
package liuyu.map;
