package dev.embargo.platform.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The module graph the build keeps: services talk only through the event contract, the contract and the shared plumbing
 * know no service, and the plumbing holds no domain code. Reads the compiled main classes of every module, which the
 * reactor builds before this one.
 */
class BuildArchitectureTest {

    private static final List<String> SERVICES = List.of("intake", "triage", "notification", "credits", "portal");
    private static final List<String> SERVICE_MODULES = List.of("intake-service", "triage-service",
            "notification-service", "credits-service", "portal");
    /**
     * What of the contract the plumbing may know: the envelope, the catalog and the codec; never an event record, which
     * is domain.
     */
    private static final DescribedPredicate<JavaClass> ENVELOPE = resideInAPackage("dev.embargo.events")
            .and(simpleName("EventEnvelope").or(simpleName("EventType")).or(simpleName("EventCodec"))
                    .or(simpleName("LifecycleEvent")).or(simpleName("CloudEventHeaders"))
                    .or(simpleName("InvalidEventException")).or(simpleName("Topics")))
            .as("the envelope, catalog and codec of dev.embargo.events");

    private static JavaClasses classes;

    @BeforeAll
    static void importModules() {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> dirs = Stream
                .concat(Stream.of("events", "platform-support", "policy-rules"), SERVICE_MODULES.stream())
                .map(module -> root.resolve(module).resolve("target/classes")).filter(Files::isDirectory).toList();
        classes = new ClassFileImporter().importPaths(dirs);
        // A module that was not built would let every rule pass on nothing.
        for (String service : SERVICES) {
            assertTrue(
                    classes.stream()
                            .anyMatch(c -> c.getPackageName().startsWith("dev.embargo." + service + ".")
                                    || c.getPackageName().equals("dev.embargo." + service)),
                    "no classes of " + service);
        }
        assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.embargo.platform")),
                "no classes of platform-support");
    }

    @Test
    void noServiceDependsOnAnotherService() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "dev.embargo." + s + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.embargo." + service + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(others).check(classes);
        }
    }

    @Test
    void theEventContractDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.embargo.events..").should()
                .dependOnClassesThat(ours().and(not(resideInAPackage("dev.embargo.events..")))).check(classes);
    }

    @Test
    void thePlumbingHoldsNoDomainCode() {
        noClasses().that().resideInAPackage("dev.embargo.platform..").should().dependOnClassesThat(
                resideInAnyPackage(servicePackages()).or(resideInAPackage("dev.embargo.events..").and(not(ENVELOPE))))
                .check(classes);
    }

    @Test
    void theSharedRulesDependOnNothingOfOurs() {
        // The policy-rules module may not exist yet: the rule then has nothing to check, and that is fine.
        noClasses().that().resideInAPackage("dev.embargo.rules..").should()
                .dependOnClassesThat(ours().and(not(resideInAPackage("dev.embargo.rules..")))).allowEmptyShould(true)
                .check(classes);
    }

    private static DescribedPredicate<JavaClass> ours() {
        return resideInAPackage("dev.embargo..").as("classes of Embargo");
    }

    private static String[] servicePackages() {
        return Arrays.stream(SERVICES.toArray(String[]::new)).map(s -> "dev.embargo." + s + "..")
                .toArray(String[]::new);
    }
}
