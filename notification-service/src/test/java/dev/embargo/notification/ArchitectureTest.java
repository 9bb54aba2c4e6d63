package dev.embargo.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.embargo.platform.inbox.EventHandler;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;

/** The architecture the build enforces: acyclic features, thin resources, a domain that knows nothing of HTTP. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.embargo.notification");

    /** A call that changes an entity: any of its methods returning nothing (setters, transitions). */
    private static final DescribedPredicate<JavaCall<?>> CHANGES_AN_ENTITY = DescribedPredicate.describe(
            "a method of an entity that returns nothing", call -> call.getTargetOwner().isAnnotatedWith(Entity.class)
                    && call.getTarget().getRawReturnType().getName().equals("void"));

    /** An event handler or one of the few named edge classes, with what the compiler nests in them. */
    private static final DescribedPredicate<JavaClass> AN_EDGE = DescribedPredicate.describe("an edge of the contract",
            c -> {
                JavaClass top = c;
                while (top.getEnclosingClass().isPresent()) {
                    top = top.getEnclosingClass().get();
                }
                return top.isAssignableTo(EventHandler.class)
                        || Set.of("TrackedReports", "WebhookResource").contains(top.getSimpleName());
            });

    /** Entities with what they nest (their values and registered events), and the domain exception. */
    private static final DescribedPredicate<JavaClass> THE_DOMAIN = DescribedPredicate.describe("the domain",
            c -> outermost(c).isAnnotatedWith(Entity.class) || c.isAssignableTo(DomainConflict.class));

    private static JavaClass outermost(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("dev.embargo.notification.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void resourcesNeitherChangeEntitiesNorUseTheEntityManager() {
        noClasses().that().areAnnotatedWith(Path.class).should().callMethodWhere(CHANGES_AN_ENTITY).orShould()
                .dependOnClassesThat().areAssignableTo(EntityManager.class).check(CLASSES);
    }

    /**
     * The contract is read at the edges only: the event handlers, which translate events into our own terms, and
     * TrackedReports (opens the sealed report fields) and WebhookResource (the event types a webhook may subscribe to).
     * A change to an event record then touches only those.
     */
    @Test
    void onlyTheEdgesReadTheContract() {
        noClasses().that(DescribedPredicate.not(AN_EDGE)).should().dependOnClassesThat()
                .resideInAPackage("dev.embargo.events..").check(CLASSES);
    }

    @Test
    void theDomainKnowsNothingOfHttp() {
        noClasses().that(THE_DOMAIN).should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..").orShould().dependOnClassesThat()
                .belongToAnyOf(Problem.class, ProblemException.class).check(CLASSES);
    }
}
