package liuyu.outfalls;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import liuyu.atlas.Provenance;

/**
 * One version of an outfall's ledger record (beijing-outfall-supervision-2023/2.1a, beijing-outfall-supervision-2023/4.1). Editing an outfall,
 * its location included, stores the next version with who, when and why; earlier versions stay.
 */
public record Outfall(
        String id,
        int version,
        String nameZh,
        String nameEn,
        OutfallType type,
        double lon,
        double lat,
        boolean normallyFlowing,
        Details details,
        Provenance provenance,
        String editedBy,
        Instant editedAt,
        String editReason) {

    /** This draft's content as version {@code version} of record {@code id}, written by {@code user} at {@code at} for {@code reason}. */
    public Outfall as(String id, int version, String user, Instant at, String reason) {
        return new Outfall(
                id, version, nameZh, nameEn, type, lon, lat, normallyFlowing, details, provenance, user, at, reason);
    }

    /**
     * The rest of the ledger record. The chain 受纳水体 → 排污口 → 排污通道 → 排污单位 (beijing-outfall-supervision-2023/1.2) is
     * {@code receivingWater}, this outfall, {@code dischargeChannel}, {@code dischargingUnit}; the
     * last three facts are the ones rule 16 turns on (beijing-outfall-supervision-2023/3.2a, beijing-outfall-supervision-2023/3.2b).
     */
    public record Details(
            String dischargePattern,
            String dischargeCharacteristics,
            String destination,
            String receivingWater,
            String dischargeChannel,
            String dischargingUnit,
            String responsibleParty,
            List<Approval> approvals,
            String permitNumber,
            boolean signboard,
            List<Structure> linkedStructures,
            String township,
            String riverChiefSegment,
            String reach,
            String eiaApprovedBy,
            boolean interProvincialDispute,
            boolean affectsFloodControl,
            List<DischargeLimit> dischargeLimits) {
        public Details {
            approvals = approvals == null ? List.of() : List.copyOf(approvals);
            linkedStructures = linkedStructures == null ? List.of() : List.copyOf(linkedStructures);
            // versions written before limits existed have none
            dischargeLimits = dischargeLimits == null ? List.of() : List.copyOf(dischargeLimits);
        }

        /** The limit of {@code parameter} (a code) in force on {@code day}, if any (validity never overlaps). */
        public Optional<DischargeLimit> limitOn(String parameter, LocalDate day) {
            return dischargeLimits.stream()
                    .filter(l -> l.parameter().equals(parameter) && l.validOn(day))
                    .findFirst();
        }
    }

    /**
     * A permitted discharge limit of one parameter (排放限值): at most {@code max} and/or at least {@code min}, in the
     * parameter's canonical {@code unit}, from {@code source} (the 排污许可证 number or the standard and class, e.g.
     * GB 18918-2002 一级A), valid from {@code validFrom} to {@code validTo} inclusive (Beijing dates; null: open).
     */
    public record DischargeLimit(
            String parameter,
            BigDecimal max,
            BigDecimal min,
            String unit,
            String source,
            LocalDate validFrom,
            LocalDate validTo) {
        public boolean validOn(LocalDate day) {
            return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
        }
    }

    /** An approval granted under a rule of the catalogue (e.g. the setting approval, the river works approval). */
    public record Approval(String rule, String authority, String number, LocalDate date) {}

    /** A structure set up with the outfall and watched with it (拦河闸、溢流堰、挡墙, beijing-outfall-supervision-2023/4.2). */
    public record Structure(String kind, String name) {}
}
