package liuyu.storage;

import java.time.Clock;
import liuyu.quality.ObservationStore;
import liuyu.rules.CheckReportStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The record stores, on the configured DataSource (embedded H2 file under ./data by default, PostgreSQL in production). */
@Configuration(proxyBeanMethods = false)
public class RecordsConfiguration {

    @Bean
    ObservationStore observationStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new ObservationStore(jdbc, transactions, Clock.systemUTC());
    }

    @Bean
    CheckReportStore checkReportStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new CheckReportStore(jdbc, transactions, Clock.systemUTC());
    }
}
