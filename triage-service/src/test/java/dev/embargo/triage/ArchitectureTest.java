package dev.embargo.triage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dev.embargo.events.SecurityPolicy;

/** Triage's architecture, kept by the build: feature packages, thin resources, a domain that knows nothing of HTTP. */
@AnalyzeClasses(packages = "dev.embargo.triage", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The domain: entities and the values and rules they are made of. */
    private static final Set<String> DOMAIN_VALUES = Set.of("CaseRefusal", "Rating", "HeadsUpNotice",
            "DisclosureInstant", "PublicRouteRule", "CaseState", "Resolution", "Participant", "SlaPlan", "Severity",
            "MilestoneKind", "ProjectPolicy");

    private static final DescribedPredicate<JavaClass> DOMAIN = DescribedPredicate.describe(
            "domain (entities, aggregates, values)",
            c -> c.isAnnotatedWith(Entity.class) || DOMAIN_VALUES.contains(c.getSimpleName())
                    || c.getEnclosingClass()
                            .map(e -> e.isAnnotatedWith(Entity.class) || DOMAIN_VALUES.contains(e.getSimpleName()))
                            .orElse(false));

    private static final DescribedPredicate<JavaMethodCall> ENTITY_MUTATOR = DescribedPredicate.describe(
            "a setter or mutator of an entity",
            call -> call.getTargetOwner().isAnnotatedWith(Entity.class) && (call.getName().startsWith("set")
                    || "void".equals(call.getTarget().getRawReturnType().getName())));

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("dev.embargo.triage.(*)..").should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule resourcesNeverChangeEntities = noClasses().that().areAnnotatedWith(Path.class).should()
            .callMethodWhere(ENTITY_MUTATOR)
            .because("a resource authenticates and maps; the application service asks the aggregate to change");

    @ArchTest
    static final ArchRule resourcesNeverUseTheEntityManager = noClasses().that().areAnnotatedWith(Path.class).should()
            .dependOnClassesThat().areAssignableTo(EntityManager.class);

    @ArchTest
    static final ArchRule domainKnowsNothingOfHttp = noClasses().that(DOMAIN).should().dependOnClassesThat()
            .resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..", "dev.embargo.platform.problem..")
            .because("the domain refuses with CaseRefusal; CaseProblems alone chooses problem types and statuses");

    @ArchTest
    static final ArchRule onlyTheProjectsEdgeReadsTheContractsPolicy = noClasses().that()
            .resideOutsideOfPackage("dev.embargo.triage.projects..").should().dependOnClassesThat()
            .belongToAnyOf(SecurityPolicy.class)
            .because("the policy-published contract is translated into triage's ProjectPolicy where it arrives");
}
