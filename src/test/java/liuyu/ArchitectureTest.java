package liuyu;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of the code base (issue 21; each package's {@code package-info.java} says what it owns and may
 * use): features are acyclic, never reach into the adapters ({@code api} for HTTP, {@code cli} for the command line),
 * and only {@code api} speaks HTTP.
 */
@AnalyzeClasses(packages = "liuyu", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** The adapters; everything else under liuyu is a feature (domain) package. */
    private static final String[] ADAPTERS = {"liuyu.api..", "liuyu.cli.."};

    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("liuyu.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule featuresNeverUseTheHttpApi = noClasses()
            .that()
            .resideInAPackage("liuyu..")
            .and()
            .resideOutsideOfPackages(ADAPTERS)
            .and()
            .doNotHaveFullyQualifiedName("liuyu.LiuyuApplication") // the entry point hands the command line to cli
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ADAPTERS);

    @ArchTest
    static final ArchRule apiIsNotUsedByTheCommandLine = noClasses()
            .that()
            .resideInAPackage("liuyu.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("liuyu.api..");

    /** Spring MVC, servlets and HTTP types belong to the api adapter only; no exception is needed today. */
    @ArchTest
    static final ArchRule webTypesOnlyInApi = noClasses()
            .that()
            .resideOutsideOfPackage("liuyu.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework.web..",
                    "jakarta.servlet..",
                    "org.springframework.http..",
                    "org.apache.catalina..");
}
