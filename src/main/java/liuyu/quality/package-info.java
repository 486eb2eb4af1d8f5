/**
 * Water quality (GB 3838-2002): parameters, units, classification, section quality, targets, tracing upstream,
 * observation intake and recording ({@link liuyu.quality.ObservationService}) with its store
 * ({@link liuyu.quality.ObservationStore}), demo observations. May use: atlas, deploy, geo, network; JDBC for its store.
 */
package liuyu.quality;
