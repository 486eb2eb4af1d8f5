/**
 * The river network: reaches, topology import (generic, NHDPlus, HydroRIVERS), linking point layers to reaches,
 * navigation (UM/UT/DM/DD/PP, NLDI and Liuyu semantics), nested-interval upstream labels, catchments.
 * May use: atlas, geo.
 */
package liuyu.network;
