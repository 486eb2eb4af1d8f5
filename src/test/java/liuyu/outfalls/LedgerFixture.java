package liuyu.outfalls;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.AtlasStore;
import liuyu.network.NetworkProperties;
import liuyu.network.NetworkService;
import liuyu.rules.ProjectChecker;
import liuyu.rules.RuleCatalogue;
import liuyu.storage.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** An outfall ledger on the demo atlas and a given records database, wired as the service wires it, without Spring. */
public final class LedgerFixture {
    private static final Atlas DEMO = new AtlasLoader().load(Path.of("gis"));
    private static final RuleCatalogue RULES = RuleCatalogue.load(Path.of("gis/rules"), DEMO);

    private LedgerFixture() {}

    /** The ledger's writes and its read model, as the service wires them. */
    public record Ledger(LedgerCommands commands, LedgerQueries queries) {}

    public static Ledger on(TestDatabase db) {
        AtlasStore atlases = new AtlasStore(DEMO);
        OutfallStore store = new OutfallStore(
                JdbcClient.create(db.jdbc()), JsonMapper.builder().build());
        LedgerQueries queries = new LedgerQueries(
                store,
                atlases,
                new NetworkService(atlases, new NetworkProperties("rivers", "catchments", 1000, 5)),
                new ProjectChecker(RULES),
                Clock.systemUTC());
        queries.refresh();
        return new Ledger(
                new LedgerCommands(
                        store,
                        new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                        queries,
                        Clock.systemUTC()),
                queries);
    }

    /** A synthetic record of district 密云 (on 潮河), as a new outfall's draft. */
    public static Outfall draft(String id) {
        Outfall.Details d = new Outfall.Details(
                "continuous",
                "domestic sewage",
                "潮河",
                "潮河",
                "pipe",
                "测试单位",
                "测试镇政府",
                List.of(new Outfall.Approval(
                        "outfall-setting-approval", "密云区生态环境局", "密环审〔2024〕1号", java.time.LocalDate.of(2024, 1, 2))),
                "91110228MA00000000001P",
                true,
                List.of(new Outfall.Structure("gate", "1号闸")),
                "古北口镇",
                "潮河古北口段",
                "chao-1",
                "district",
                false,
                true,
                List.of(
                        new Outfall.DischargeLimit(
                                "COD",
                                new java.math.BigDecimal("50"),
                                null,
                                "mg/L",
                                "排污许可证 91110228MA00000000001P (GB 18918-2002 一级A)",
                                java.time.LocalDate.of(2024, 1, 1),
                                java.time.LocalDate.of(2028, 12, 31)),
                        new Outfall.DischargeLimit(
                                "pH",
                                new java.math.BigDecimal("9"),
                                new java.math.BigDecimal("6"),
                                "dimensionless",
                                "GB 18918-2002 一级A",
                                null,
                                null)));
        return new Outfall(
                id,
                0,
                "测试排污口 " + id,
                "test outfall " + id,
                OutfallType.INDUSTRIAL,
                117.15,
                40.64,
                true,
                d,
                new liuyu.atlas.Provenance(
                        liuyu.atlas.Method.SYNTHETIC, "LedgerFixture", "test", "synthetic test record", false),
                null,
                null,
                null);
    }
}
