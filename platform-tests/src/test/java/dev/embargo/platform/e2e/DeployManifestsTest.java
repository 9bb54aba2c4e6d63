package dev.embargo.platform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** What can be checked of deploy/ without a Docker engine or a cluster: it parses and carries what it must. */
class DeployManifestsTest {

    static final Path DEPLOY = Path.of("").toAbsolutePath().getParent().resolve("deploy");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    @Test
    void composeFileDefinesTheFullStackWithoutLiteralSecrets() throws IOException {
        JsonNode compose = documents(DEPLOY.resolve("compose/docker-compose.yml")).get(0);
        JsonNode services = compose.get("services");
        for (String name : List.of("postgres", "kafka", "keycloak", "mail", "intake", "triage", "notification",
                "credits", "portal")) {
            assertTrue(services.has(name), name);
            assertTrue(services.get(name).has("image"), name + " image");
        }
        assertEquals("apache/kafka:4.1.1", services.get("kafka").get("image").asText());
        assertTrue(services.get("kafka").get("environment").get("KAFKA_PROCESS_ROLES").asText().contains("controller"),
                "KRaft mode");
        assertTrue(Files.exists(DEPLOY.resolve("compose/postgres-init.sh")));
        String text = Files.readString(DEPLOY.resolve("compose/docker-compose.yml"));
        for (String line : text.split("\n")) {
            if (line.matches(".*(PASSWORD|KEYSET)[A-Z_]*:.*")) {
                assertTrue(line.contains("${"), "secret values come from .env: " + line.trim());
            }
        }
    }

    @Test
    void kubernetesManifestsAreWellFormedWithProbesResourcesAndAutoscaling() throws IOException {
        Path base = DEPLOY.resolve("k8s/base");
        JsonNode kustomization = documents(base.resolve("kustomization.yaml")).get(0);
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode resource : kustomization.get("resources")) {
            Path file = base.resolve(resource.asText());
            assertTrue(Files.exists(file), "kustomization lists " + file);
            all.addAll(documents(file));
        }
        Set<String> kinds = new java.util.HashSet<>();
        List<String> hpaTargets = new ArrayList<>();
        for (JsonNode doc : all) {
            assertTrue(doc.hasNonNull("apiVersion"), "apiVersion in " + doc);
            assertTrue(doc.hasNonNull("kind"), "kind");
            assertFalse(doc.path("metadata").path("name").asText().isBlank(), "metadata.name of " + doc.get("kind"));
            kinds.add(doc.get("kind").asText());
            if (doc.get("kind").asText().equals("Deployment")) {
                JsonNode container = doc.at("/spec/template/spec/containers/0");
                assertTrue(container.has("readinessProbe") && container.has("livenessProbe"),
                        "probes of " + doc.at("/metadata/name").asText());
                assertTrue(container.at("/resources/requests").has("cpu")
                        && container.at("/resources/requests").has("memory"), "requests");
                assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
                // Operator endpoints are on the management interface only, never on the routed port.
                assertEquals("management", container.at("/readinessProbe/httpGet/port").asText());
                assertEquals("management", container.at("/livenessProbe/httpGet/port").asText());
                assertEquals("9000", doc.at("/spec/template/metadata/annotations/prometheus.io~1port").asText());
            }
            if (doc.get("kind").asText().equals("HorizontalPodAutoscaler")) {
                hpaTargets.add(doc.at("/spec/scaleTargetRef/name").asText());
            }
        }
        assertTrue(kinds.containsAll(Set.of("Deployment", "Service", "HorizontalPodAutoscaler", "Kafka",
                "KafkaNodePool", "KafkaTopic", "Cluster", "ConfigMap")), kinds.toString());
        assertTrue(hpaTargets.containsAll(List.of("intake-service", "triage-service")), hpaTargets.toString());

        Path overlay = DEPLOY.resolve("k8s/overlays/production");
        JsonNode overlayKustomization = documents(overlay.resolve("kustomization.yaml")).get(0);
        for (JsonNode patch : overlayKustomization.get("patches")) {
            assertTrue(Files.exists(overlay.resolve(patch.get("path").asText())), patch.toString());
        }
    }

    @Test
    void kafkaAuthenticatesEveryClientAndOnlyEachTopicsProducerMayWriteToIt() throws IOException {
        Path base = DEPLOY.resolve("k8s/base");
        JsonNode kafka = documents(base.resolve("kafka.yaml")).stream()
                .filter(d -> d.get("kind").asText().equals("Kafka")).findFirst().orElseThrow();
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            assertEquals("scram-sha-512", listener.at("/authentication/type").asText(), "listener " + listener);
            assertTrue(listener.path("networkPolicyPeers").size() > 0, "who reaches listener " + listener);
        }
        assertEquals("simple", kafka.at("/spec/kafka/authorization/type").asText());
        Set<String> topics = new java.util.HashSet<>();
        documents(base.resolve("kafka.yaml")).stream().filter(d -> d.get("kind").asText().equals("KafkaTopic"))
                .forEach(d -> topics.add(d.at("/metadata/name").asText()));

        List<JsonNode> users = documents(base.resolve("kafka-users.yaml"));
        assertEquals(Set.of("intake-service", "triage-service", "notification-service", "credits-service"),
                new java.util.HashSet<>(users.stream().map(u -> u.at("/metadata/name").asText()).toList()));
        java.util.Map<String, Set<String>> writers = new java.util.HashMap<>();
        for (JsonNode user : users) {
            String service = user.at("/metadata/name").asText();
            assertEquals("scram-sha-512", user.at("/spec/authentication/type").asText(), service);
            assertTrue(topics.contains(service + ".dead-letter"), "dead-letter topic of " + service);
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                String type = acl.at("/resource/type").asText();
                String name = acl.at("/resource/name").asText();
                assertEquals("literal", acl.at("/resource/patternType").asText(), "no wildcard ACLs: " + acl);
                List<String> operations = new ArrayList<>();
                acl.get("operations").forEach(o -> operations.add(o.asText()));
                assertFalse(operations.contains("All") || operations.contains("Alter") || operations.contains("Delete"),
                        service + " may only read, write and describe: " + acl);
                if (type.equals("group")) {
                    assertEquals(service, name, "a service reads under its own consumer group only");
                } else {
                    assertEquals("topic", type, acl.toString());
                    assertTrue(topics.contains(name), "ACL on a topic that exists: " + name);
                    if (operations.contains("Write")) {
                        writers.computeIfAbsent(name, t -> new java.util.HashSet<>()).add(service);
                    }
                }
            }
        }
        for (String topic : List.of(dev.embargo.events.Topics.INTAKE_PROJECTS, dev.embargo.events.Topics.INTAKE_REPORTS,
                dev.embargo.events.Topics.TRIAGE_CASES, dev.embargo.events.Topics.TRIAGE_SLA,
                dev.embargo.events.Topics.CREDITS_CREDITS)) {
            String producer = dev.embargo.events.Topics.producer(topic).orElseThrow().substring(1);
            assertEquals(Set.of(producer), writers.get(topic), "who may write to " + topic);
        }

        for (String service : List.of("intake", "triage", "notification", "credits")) {
            String env = documents(base.resolve(service + ".yaml")).get(0).at("/spec/template/spec/containers/0/env")
                    .toString();
            assertTrue(env.contains("\"name\":\"" + service + "-service\",\"key\":\"sasl.jaas.config\""),
                    service + " logs in as its own KafkaUser");
        }
        JsonNode dbPolicy = documents(base.resolve("network-policies.yaml")).get(0);
        assertEquals("embargo-db", dbPolicy.at("/spec/podSelector/matchLabels/cnpg.io~1cluster").asText());
    }

    @Test
    void eachServiceIsGivenOnlyTheKeysOfItsOwnAndCreditsNone() throws IOException {
        Path base = DEPLOY.resolve("k8s/base");
        JsonNode compose = documents(DEPLOY.resolve("compose/docker-compose.yml")).get(0);
        assertFalse(compose.get("x-service-env").toString().contains("KEYSET"), "no keyset shared by every service");
        Set<String> composeAtRest = new java.util.HashSet<>();
        for (String service : List.of("intake", "triage", "notification", "credits")) {
            java.util.Map<String, String> k8s = new java.util.HashMap<>();
            documents(base.resolve(service + ".yaml")).get(0).at("/spec/template/spec/containers/0/env")
                    .forEach(e -> k8s.put(e.get("name").asText(), e.path("valueFrom").toString()));
            JsonNode composeEnv = compose.at("/services/" + service + "/environment");
            String properties = Files.readString(
                    DEPLOY.getParent().resolve(service + "-service/src/main/resources/application.properties"));
            if (service.equals("credits")) {
                // Credits stores nothing sealed and reads only published advisories: it declares so, and gets no key.
                assertTrue(properties.contains("\nembargo.crypto.uses-at-rest=false"), "credits declares no at-rest");
                assertTrue(properties.contains("\nembargo.crypto.uses-transport=false"),
                        "credits declares no transport");
                assertTrue(k8s.keySet().stream().noneMatch(n -> n.startsWith("EMBARGO_CRYPTO_")), k8s.toString());
                assertFalse(composeEnv.toString().contains("EMBARGO_CRYPTO_"), composeEnv.toString());
                continue;
            }
            assertFalse(properties.contains("embargo.crypto.uses-"), service + " uses both keysets");
            assertTrue(k8s.get("EMBARGO_CRYPTO_AT_REST_KEYSET").contains("\"key\":\"" + service + "-at-rest-keyset\""),
                    service + " has its own at-rest keyset: " + k8s);
            assertTrue(k8s.get("EMBARGO_CRYPTO_TRANSPORT_KEYSET").contains("\"key\":\"transport-keyset\""), service);
            composeAtRest.add(composeEnv.get("EMBARGO_CRYPTO_AT_REST_KEYSET").asText());
            assertTrue(composeEnv.has("EMBARGO_CRYPTO_TRANSPORT_KEYSET"), service);
            assertEquals(service.equals("intake"), k8s.containsKey("EMBARGO_SUBMISSIONS_PSEUDONYM_KEY"),
                    "intake tracks reporters by pseudonym");
            assertEquals(service.equals("intake"), composeEnv.has("EMBARGO_SUBMISSIONS_PSEUDONYM_KEY"), service);
            assertEquals(service.equals("triage"), k8s.containsKey("EMBARGO_REPORTER_PSEUDONYM_KEY"),
                    "triage keeps reporter-API limits by pseudonym");
            assertEquals(service.equals("triage"), composeEnv.has("EMBARGO_REPORTER_PSEUDONYM_KEY"), service);
        }
        assertEquals(3, composeAtRest.size(), "one at-rest keyset per service in Compose: " + composeAtRest);
    }

    @Test
    void behindTheIngressClientsAreFoundThroughTrustedProxiesThatOnlyTheIngressCanImpersonate() throws IOException {
        Path base = DEPLOY.resolve("k8s/base");
        JsonNode ingress = documents(base.resolve("ingress.yaml")).get(0);
        assertEquals("Ingress", ingress.get("kind").asText());
        Set<String> routed = new java.util.HashSet<>();
        ingress.at("/spec/rules/0/http/paths").forEach(p -> routed.add(p.at("/backend/service/name").asText()));
        assertEquals(Set.of("intake-service", "triage-service", "notification-service", "credits-service", "portal"),
                routed);

        // The trusted proxies are ranges the services accept, for intake's submissions and triage's reporter API.
        JsonNode config = documents(base.resolve("config.yaml")).get(0).get("data");
        for (String variable : List.of("EMBARGO_SUBMISSIONS_TRUSTED_PROXIES", "EMBARGO_REPORTER_TRUSTED_PROXIES")) {
            String value = config.path(variable).asText();
            assertTrue(value.contains("/"), variable + " names the pod network as a range: " + value);
            var proxies = dev.embargo.platform.proxies.TrustedProxies.of(List.of(value.split(",")));
            assertFalse(proxies.trusts("203.0.113.9"), variable + " trusts the internet");
        }
        for (String service : List.of("intake", "triage")) {
            JsonNode container = documents(base.resolve(service + ".yaml")).get(0)
                    .at("/spec/template/spec/containers/0");
            assertTrue(container.get("envFrom").toString().contains("embargo-config"), service + " reads config.yaml");
        }

        // Only the ingress controller (and the portal) reach the API port, so no other pod forges X-Forwarded-For.
        JsonNode api = documents(base.resolve("network-policies.yaml")).stream()
                .filter(d -> d.at("/metadata/name").asText().equals("embargo-api-from-ingress")).findFirst()
                .orElseThrow();
        assertTrue(api.at("/spec/podSelector").toString().contains("intake-service")
                && api.at("/spec/podSelector").toString().contains("triage-service"));
        for (JsonNode rule : api.at("/spec/ingress")) {
            boolean apiPort = rule.get("ports").toString().contains("8080");
            if (apiPort) {
                assertTrue(rule.has("from") && rule.get("from").size() > 0, "API port open to anyone: " + rule);
                assertTrue(rule.get("from").toString().contains("ingress-nginx"), rule.toString());
            } else {
                assertEquals("[{\"protocol\":\"TCP\",\"port\":9000}]", rule.get("ports").toString(),
                        "only the management port is open to all (probes, metrics)");
            }
        }
    }

    @Test
    void dashboardAndAlertsCoverTheOperatorsMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("monitoring/grafana-dashboard.json").toFile());
        String exprs = dashboard.get("panels").findValuesAsText("expr").toString();
        for (String metric : List.of("embargo_submissions_total", "embargo_outbox_backlog",
                "embargo_outbox_oldest_age_seconds", "kafka_consumer_fetch_manager_records_lag_max",
                "embargo_sla_breached_total", "embargo_deliveries_failed_total")) {
            assertTrue(exprs.contains(metric), metric);
        }
        String alerts = Stream.of(documents(DEPLOY.resolve("monitoring/alerts.yaml")).get(0).at("/spec/groups"))
                .map(JsonNode::toString).findFirst().orElseThrow();
        assertTrue(alerts.contains("embargo_outbox_oldest_age_seconds"));
        assertTrue(alerts.contains("records_lag_max"));
        assertTrue(alerts.contains("embargo_sla_breached_total"));
    }
}
