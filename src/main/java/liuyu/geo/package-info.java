/**
 * Coordinates and time: CRSs (CRS84, EPSG:4326/4490, GCJ-02, BD-09, projected import CRSs), DMS, metric projection
 * (UTM 50N), geodesy, the one GeoJSON reader/writer, decimals and texts from users, Beijing time.
 * May use: JTS, Proj4J, GeographicLib, Jackson. Uses no other liuyu package.
 */
package liuyu.geo;
