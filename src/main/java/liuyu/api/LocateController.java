package liuyu.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Location;
import liuyu.atlas.Provenance;
import liuyu.geo.Crs;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Point-in-zone: {@code GET /locate?lon=&lat=[&crs=]} answers "where is this point?" in one call. */
@RestController
public class LocateController {
    private final AtlasStore atlases;

    public LocateController(AtlasStore atlases) {
        this.atlases = atlases;
    }

    public record Point(double lon, double lat, String crs) {}

    public record ZoneRef(
            String layer,
            String id,
            String nameZh,
            String nameEn,
            Map<String, Object> properties,
            Double distanceToBoundaryM,
            Double distanceM,
            Provenance provenance) {}

    public record LocateResponse(
            Point point,
            Point input,
            String atlasVersion,
            LocalDate asOf,
            Map<String, String> layerVersions,
            List<ZoneRef> within,
            List<ZoneRef> nearby,
            double nearbyWithinM,
            List<String> notes,
            List<String> notesZh) {}

    @GetMapping("/locate")
    public LocateResponse locate(
            @RequestParam(required = false) String lon,
            @RequestParam(required = false) String lat,
            @RequestParam(required = false) String crs,
            @RequestParam(required = false) String asOf) {
        double x = Params.number("lon", lon, -180, 180);
        double y = Params.number("lat", lat, -90, 90);
        Crs inputCrs = Params.crs("crs", crs, Crs.CRS84);
        LocalDate day = liuyu.api.rules.RulesController.asOf(asOf);
        if (inputCrs == Crs.EPSG_4326) {
            inputCrs = Crs.CRS84; // lon and lat are named, so axis order does not matter here
        }
        double[] wgs = inputCrs.toWgs84(x, y);
        Atlas atlas = atlases.current();
        Location location = atlas.locate(wgs[0], wgs[1], day);

        List<ZoneRef> within = new ArrayList<>(location.within().size());
        Set<String> nonAuthoritative = new LinkedHashSet<>();
        Set<String> nonAuthoritativeZh = new LinkedHashSet<>();
        for (Location.Hit hit : location.within()) {
            within.add(ref(hit.feature(), round(hit.distanceM()), null));
            if (!hit.feature().provenance().authoritative()) {
                nonAuthoritative.add(describe(atlas, hit.feature()));
                nonAuthoritativeZh.add(atlas.layer(hit.feature().layer()).info().titleZh() + "（"
                        + hit.feature().layer() + "，"
                        + hit.feature().provenance().method().zh() + "）");
            }
        }
        List<ZoneRef> nearby = new ArrayList<>(location.nearby().size());
        for (Location.Hit hit : location.nearby()) {
            nearby.add(ref(hit.feature(), null, round(hit.distanceM())));
        }
        List<String> notes = new ArrayList<>();
        List<String> notesZh = new ArrayList<>(); // the same notes in Chinese, item for item
        notes.add(atlas.servedNote());
        notesZh.add(atlas.servedNoteZh());
        if (!nonAuthoritative.isEmpty()) {
            notes.add("This answer rests on non-authoritative layers: " + String.join("; ", nonAuthoritative)
                    + ". Positions and boundaries are approximate; confirm against official surveyed boundaries.");
            notesZh.add("本答复依据非权威图层：" + String.join("、", nonAuthoritativeZh) + "。位置和边界为近似，请以官方测绘边界为准。");
        }
        if (within.isEmpty()) {
            // an empty "within" alone reads like "no restrictions here"; say that the atlas simply does not cover the
            // point
            notes.add(
                    "The point lies outside every zone of the atlas served: it is outside the area the atlas covers, so this "
                            + "answer says nothing about the place (no district, basin or protection zone is known there).");
            notesZh.add("该点不在所用图集的任何区域内：超出图集覆盖范围，本答复不说明该处的任何情况（该处没有已知的行政区、流域或保护区）。");
        }
        if (inputCrs == Crs.GCJ_02) {
            notes.add("Input converted from GCJ-02 to WGS84 (CRS84).");
            notesZh.add("输入坐标已由 GCJ-02 转换为 WGS84（CRS84）。");
        }
        Point point = new Point(round7(wgs[0]), round7(wgs[1]), Crs.CRS84.label());
        return new LocateResponse(
                point,
                new Point(x, y, inputCrs.label()),
                atlas.version(),
                day,
                atlas.zoneLayerVersions(day),
                within,
                nearby,
                liuyu.atlas.ZoneIndex.NEARBY_METRES,
                notes,
                notesZh);
    }

    private static ZoneRef ref(Feature f, Double toBoundary, Double distance) {
        Map<String, Object> props = new LinkedHashMap<>(f.properties());
        props.remove("nameZh");
        props.remove("nameEn");
        for (String field : Provenance.FIELDS) {
            props.remove(field);
        }
        return new ZoneRef(f.layer(), f.id(), f.nameZh(), f.nameEn(), props, toBoundary, distance, f.provenance());
    }

    private static String describe(Atlas atlas, Feature f) {
        return f.layer() + " (" + f.provenance().method().code() + ": "
                + atlas.layer(f.layer()).info().provenance().accuracy() + ")";
    }

    private static double round(double metres) {
        return Math.round(metres * 10) / 10.0;
    }

    private static double round7(double deg) {
        return Math.round(deg * 1e7) / 1e7;
    }
}
