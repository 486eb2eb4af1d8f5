package liuyu.network;

import liuyu.atlas.Feature;

/** A point feature of the atlas (a section, an outfall) and its place on the network. */
public record LinkedFeature(Feature feature, ReachLink link) implements Placement {}
