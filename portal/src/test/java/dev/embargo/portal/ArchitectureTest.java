package dev.embargo.portal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The portal's shape, kept by the build: one package per page family, none of them in a cycle; the shared {@code web}
 * and {@code services} layers know no page; and the portal is a backend-for-frontend that reads no schema, so nothing
 * in it touches JPA or JDBC.
 */
@AnalyzeClasses(packages = "dev.embargo.portal", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule pageFamiliesAreFreeOfCycles = slices().matching("dev.embargo.portal.(*)..").should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule sharedLayersKnowNoPage = noClasses().that()
            .resideInAnyPackage("dev.embargo.portal.web..", "dev.embargo.portal.services..").should()
            .dependOnClassesThat().resideInAnyPackage("dev.embargo.portal.admin..", "dev.embargo.portal.cases..",
                    "dev.embargo.portal.inbox..", "dev.embargo.portal.me..", "dev.embargo.portal.projects..",
                    "dev.embargo.portal.reporter..");

    @ArchTest
    static final ArchRule readsNoSchema = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "java.sql..", "javax.sql..")
            .because("the portal calls the services' APIs with the user's token and owns no data");

    @ArchTest
    static final ArchRule pagesCallServicesOnlyThroughTheirClients = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.embargo.intake..", "dev.embargo.triage..", "dev.embargo.notification..",
                    "dev.embargo.credits..", "dev.embargo.platform..");
}
