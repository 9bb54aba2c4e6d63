package dev.embargo.notification;

import dev.embargo.testing.KafkaTestResource;
import dev.embargo.testing.MailTestResource;
import dev.embargo.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Real PostgreSQL (this service's own role and schema), Kafka, an OIDC provider, GreenMail SMTP and the address of a
 * local webhook receiver (the only private target the tests allow) for every test of the service.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "notification"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(WebhookReceiver.Resource.class)
public class NotificationTestResources {
}
