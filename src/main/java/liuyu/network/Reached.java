package liuyu.network;

/**
 * A navigation result: reach indices in the order found, each with its network distance in metres
 * from the start to the nearest part of the reach (0 for the start reach).
 */
public record Reached(int[] reaches, double[] distancesM) {
    public int size() {
        return reaches.length;
    }
}
