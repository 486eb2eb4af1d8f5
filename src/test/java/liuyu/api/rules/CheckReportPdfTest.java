package liuyu.api.rules;

import static liuyu.api.rules.CheckReportsApiTest.as;
import static liuyu.api.rules.CheckReportsApiTest.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The printed check report, read back by poppler (Debian poppler-utils) as a reader would: pdftotext finds the
 * report number, the verdict and the clauses in Chinese; pdftoppm renders the page, whose map figure shows the
 * project in red.
 */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.quality.demo-observations=false"})
@Tag("integration")
class CheckReportPdfTest {
    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @Test
    void thePrintedReportCarriesTheNumberTheVerdictAndTheClausesInChinese() throws Exception {
        String villa = feature(
                "villa",
                116.95,
                40.52,
                0.002,
                "{\"activity\": \"construction-residential\", \"nameZh\": \"湖畔别墅\", \"applicant\": \"北京某置业有限公司\"}");
        HttpResponse<String> rec = CheckReportsApiTest.HTTP.send(
                as(
                                "planner",
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports"))
                                        .header("Content-Type", "application/geo+json")
                                        .POST(HttpRequest.BodyPublishers.ofString(villa)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rec.statusCode()).isEqualTo(201);
        JsonNode recorded = CheckReportsApiTest.JSON.readTree(rec.body()).get(0);
        String number = recorded.path("reportNumber").asString();
        JsonNode firstHit = recorded.path("report").path("hits").get(0);

        HttpResponse<byte[]> pdf = CheckReportsApiTest.HTTP.send(
                as(
                                "planner",
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports/"
                                        + recorded.path("reportId").asLong() + "?f=pdf")))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Path file = dir.resolve("report.pdf");
        Files.write(file, pdf.body());
        Files.write(Path.of("target", "check-report-sample.pdf"), pdf.body()); // for people to look at after the build

        String text = run("pdftotext", "-enc", "UTF-8", file.toString(), "-");
        String flat = text.replaceAll("\\s+", "");
        assertThat(text).contains(number);
        assertThat(flat).contains("结论").contains("禁止FORBIDDEN");
        assertThat(flat).contains("湖畔别墅").contains("北京某置业有限公司").contains("密云区");
        assertThat(flat).contains(firstHit.path("titleZh").asString().replaceAll("\\s+", ""));
        assertThat(flat).contains("《北京市密云区关于进一步加强水生态保护修复工作的实施方案》（密政发〔2023〕20号）");
        assertThat(flat).contains("规划不是法律认定");
        assertThat(flat).contains(recorded.path("report").path("ruleset").asString());

        run(
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                file.toString(),
                dir.resolve("page").toString());
        File png = dir.toFile().listFiles((d, name) -> name.startsWith("page") && name.endsWith(".png"))[0];
        BufferedImage page = ImageIO.read(png);
        assertThat(page.getWidth()).isBetween(490, 500); // A4 at 60 dpi: 595 pt = 496 px
        int red = 0;
        for (int x = 0; x < page.getWidth(); x++) {
            for (int y = 0; y < page.getHeight(); y++) {
                int rgb = page.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r > 150 && g < 90 && b < 90) {
                    red++;
                }
            }
        }
        assertThat(red)
                .as("pixels of the project drawn in red on the map figure")
                .isGreaterThan(100);

        HttpResponse<byte[]> accepted = CheckReportsApiTest.HTTP.send(
                as(
                                "planner",
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + "/check-reports/" + number))
                                        .header("Accept", "application/pdf"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        HttpResponse<String> badFormat = CheckReportsApiTest.HTTP.send(
                as(
                                "planner",
                                HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/check-reports/" + number + "?f=docx")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(CheckReportsApiTest.JSON
                        .readTree(badFormat.body())
                        .path("parameter")
                        .asString())
                .isEqualTo("f");
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
