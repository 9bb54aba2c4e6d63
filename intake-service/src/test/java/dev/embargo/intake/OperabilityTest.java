package dev.embargo.intake;

import dev.embargo.testing.OperabilityContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperabilityTest extends OperabilityContract {
}
