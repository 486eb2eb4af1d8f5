package liuyu.network;

import liuyu.atlas.Feature;

/** A point feature that could not be linked to the network, and why (too far from any reach, unknown declared reach). */
public record Unlinked(Feature feature, String reason) implements Placement {}
