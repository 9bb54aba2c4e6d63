package dev.embargo.notification;

import dev.embargo.testing.KafkaTestResource;
import dev.embargo.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Real PostgreSQL (this service's own role and schema), Kafka and an OIDC provider for every test of the service. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "notification"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public class NotificationTestResources {
}
