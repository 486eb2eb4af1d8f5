package liuyu.quality;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Miyun reservoir's total-nitrogen baseline for the 2025 target "TN lower than in 2021" (miyun-water-ecology-2023/1.2a):
 * the section it is measured at, the baseline year and annual mean, and where the value comes from.
 * {@code demo = true} says the value is a stand-in, not an official figure.
 */
@ConfigurationProperties("liuyu.quality.tn-baseline")
public record TnBaseline(
        @DefaultValue("miyun-reservoir") String section,
        @DefaultValue("2021") int year,
        @DefaultValue("1.20") BigDecimal value,

        @DefaultValue(
                "DEMO VALUE: no official 2021 annual mean TN of Miyun reservoir was found in the documents this service quotes "
                        + "or public packages; replace with the figure from the Beijing ecological-environment bulletin")
        String source,

        @DefaultValue("true") boolean demo) {}
