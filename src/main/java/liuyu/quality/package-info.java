/**
 * Water quality (GB 3838-2002): parameters, units, classification, section quality, targets, tracing upstream,
 * observation intake, recording and reading ({@link liuyu.quality.ObservationService}; the parameter is typed, read
 * once from its code where it enters) with its store
 * ({@link liuyu.quality.ObservationStore}), demo observations. May use: atlas, deploy, geo, network; JDBC for its store.
 */
package liuyu.quality;
