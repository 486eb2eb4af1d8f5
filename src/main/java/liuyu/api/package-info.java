/**
 * HTTP adapters only: locate, layers, navigation, catchment, atlas reload, access (security), request guards, and
 * the one map from exceptions to RFC 9457 problem+json ({@link liuyu.api.ProblemHandler}). The only package that may
 * use Spring web and servlet types. May use: every feature package; never cli.
 */
package liuyu.api;
