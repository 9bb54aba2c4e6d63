package dev.embargo.notification;

import dev.embargo.testing.ManagementInterfaceContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ManagementInterfaceContract.Prod.class)
class ManagementInterfaceTest extends ManagementInterfaceContract {
}
