/**
 * HTTP for water quality: sections, observations (JSON, CSV, XLSX), classification, targets, tracing.
 * May use: api, api.guard, atlas, geo, outfalls, quality.
 */
package liuyu.api.quality;
