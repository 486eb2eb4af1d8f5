package liuyu.network;

/**
 * Where a point lies on the network: its reach, the measure (NHDPlus convention: percent of the reach
 * from its downstream end, 0–100), the same in metres of network length, and how far the point lies
 * off the reach line.
 */
public record Link(String reach, double measure, double fromDownstreamM, double offsetM) {
}
