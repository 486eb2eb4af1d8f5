/**
 * DEMs through GDAL: the level-1 zone and the shore bands from contours, D8 flow and catchment delineation.
 * May use: atlas, geo, imports (GDAL).
 */
package liuyu.terrain;
