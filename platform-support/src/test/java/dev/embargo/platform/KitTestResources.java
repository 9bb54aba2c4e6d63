package dev.embargo.platform;

import dev.embargo.testing.KafkaTestResource;
import dev.embargo.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL and Kafka for every test of this module. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "kit"))
@QuarkusTestResource(KafkaTestResource.class)
public class KitTestResources {
}
