package dev.embargo.intake;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Keeps intake's shape: feature packages without cycles, resources that map instead of touching entities or the
 * EntityManager, and a domain that knows neither JAX-RS nor HTTP statuses.
 */
class ArchitectureTest {

    private static final JavaClasses INTAKE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.embargo.intake");

    /**
     * The HTTP edge: resources, JAX-RS providers and exception mappers, and the Vert.x-level guards of the submission
     * endpoint (body size, refusing a client known to be over its limit) and the per-client rate limit.
     */
    private static final DescribedPredicate<JavaClass> EDGE = DescribedPredicate.describe("the HTTP edge",
            (JavaClass c) -> c.isAnnotatedWith(Path.class) || c.isAnnotatedWith(Provider.class)
                    || c.isAssignableTo(RefusedMapper.class) || named(c, "dev.embargo.intake.reports.BodyLimit")
                    || named(c, "dev.embargo.intake.reports.FloodGate")
                    || named(c, "dev.embargo.intake.reports.SubmissionBody")
                    || named(c, "dev.embargo.intake.reports.SubmissionLimiter"));

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.embargo.intake.(*)..").should().beFreeOfCycles().check(INTAKE);
    }

    @Test
    void resourcesNeverUseTheEntityManager() {
        noClasses().that().areAnnotatedWith(Path.class).should().dependOnClassesThat()
                .areAssignableTo(EntityManager.class).check(INTAKE);
    }

    @Test
    void resourcesNeverCallEntitySetters() {
        noClasses().that().areAnnotatedWith(Path.class).should().callMethodWhere(entitySetter()).check(INTAKE);
    }

    @Test
    void theDomainKnowsNeitherJaxRsNorHttpStatuses() {
        // Problem and ProblemException carry an HTTP status; the domain says no with Refused instead.
        noClasses().that(not(EDGE)).should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..",
                "org.jboss.resteasy..", "io.vertx..", "dev.embargo.platform.problem..").check(INTAKE);
    }

    @Test
    void entitiesKeepTheirFieldsPrivate() {
        fields().that().areDeclaredInClassesThat().areAnnotatedWith(Entity.class).and().areNotStatic().should()
                .bePrivate().check(INTAKE);
    }

    private static DescribedPredicate<JavaMethodCall> entitySetter() {
        return DescribedPredicate.describe("a setter of an entity",
                (JavaMethodCall call) -> call.getTargetOwner().isAnnotatedWith(Entity.class)
                        && call.getName().startsWith("set"));
    }

    /** The class or one nested in it. */
    private static boolean named(JavaClass c, String name) {
        return c.getName().equals(name) || c.getName().startsWith(name + "$");
    }
}
