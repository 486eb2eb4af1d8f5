package liuyu.atlas;

import java.nio.file.Path;

/**
 * Loads an atlas directory and answers points given as lon,lat arguments: the program
 * {@link HundredThousandAtlasInOneGigabyteTest} starts in a JVM limited to {@code -Xmx1g}.
 */
public final class LoadInOneGigabyte {
    private LoadInOneGigabyte() {}

    public static void main(String[] args) {
        Atlas atlas = new AtlasLoader().load(Path.of(args[0]));
        System.out.println("zones " + atlas.zones().zoneCount());
        for (int i = 1; i < args.length; i++) {
            String[] p = args[i].split(",");
            System.out.println(String.join(
                    " ",
                    atlas.zones().containing(Double.parseDouble(p[0]), Double.parseDouble(p[1])).stream()
                            .map(Feature::id)
                            .toList()));
        }
    }
}
