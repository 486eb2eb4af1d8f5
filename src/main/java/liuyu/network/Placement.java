package liuyu.network;

import liuyu.atlas.Feature;

/** The outcome of linking one point feature: linked with a measure, or not linked with a reason. */
public sealed interface Placement permits LinkedFeature, Unlinked {
    Feature feature();
}
