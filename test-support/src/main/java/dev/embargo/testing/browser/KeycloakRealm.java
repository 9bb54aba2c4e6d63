package dev.embargo.testing.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The realm a {@link TestKeycloak} imports at its start, built in code: clients, realm roles and users with fixed ids
 * and passwords. It writes the same shape as {@code ./platform}'s {@code write_realm()}: HTTP allowed, 15-minute access
 * tokens, and on every client the {@code oidc-audience-mapper} that puts the audience the services require
 * ({@value #DEFAULT_AUDIENCE} unless {@link #audience(String)} says otherwise) into its access tokens, not its ID
 * tokens.
 *
 * <pre>{@code
 * KeycloakRealm realm = KeycloakRealm.named("embargo").roles("platform-admin", "reporter")
 *         .publicClient("embargo-portal", "http://localhost:" + portalPort + "/*").directGrantClient("embargo-cli")
 *         .user(KeycloakRealm.user(OWNER_ID, "owner", "owner-pw").roles("reporter"));
 * }</pre>
 *
 * A builder is mutable and not thread-safe; {@link TestKeycloak#start(KeycloakRealm)} takes a snapshot of it.
 */
public final class KeycloakRealm {

    /** The audience the Embargo services accept in access tokens. */
    public static final String DEFAULT_AUDIENCE = "embargo";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private String audience = DEFAULT_AUDIENCE;
    private int accessTokenLifespanSeconds = 900;
    private final Set<String> roles = new LinkedHashSet<>();
    private final List<Client> clients = new ArrayList<>();
    private final List<User> users = new ArrayList<>();

    private KeycloakRealm(String name) {
        this.name = requireName(name, "realm name");
    }

    /** A new, empty realm. */
    public static KeycloakRealm named(String name) {
        return new KeycloakRealm(name);
    }

    /** A user to add with {@link #user(User)}; email, first and last name get defaults so no profile form appears. */
    public static User user(String id, String username, String password) {
        return new User(id, username, password);
    }

    public String name() {
        return name;
    }

    /** The audience mapped into every client's access tokens; {@code null} maps none. */
    public KeycloakRealm audience(String audience) {
        this.audience = audience;
        return this;
    }

    public KeycloakRealm accessTokenLifespanSeconds(int seconds) {
        this.accessTokenLifespanSeconds = seconds;
        return this;
    }

    /** Realm roles, for {@link User#roles(String...)}. */
    public KeycloakRealm roles(String... names) {
        for (String role : names) {
            roles.add(requireName(role, "role name"));
        }
        return this;
    }

    /**
     * A browser client: public, authorization code flow only, PKCE with S256 required, redirects only to the given URIs
     * (Keycloak's patterns, e.g. {@code http://localhost:20123/*}), web origins from the redirects.
     */
    public KeycloakRealm publicClient(String clientId, String... redirectUris) {
        if (redirectUris.length == 0) {
            throw new IllegalArgumentException("public client " + clientId + " needs at least one redirect URI");
        }
        return add(new Client(clientId, null, true, false, List.of(redirectUris)));
    }

    /** A command-line client: public, password grant (direct access grants) only, as {@code embargo-cli}. */
    public KeycloakRealm directGrantClient(String clientId) {
        return add(new Client(clientId, null, false, true, List.of()));
    }

    /** A confidential client with a secret: password grant and client credentials (service account). */
    public KeycloakRealm confidentialClient(String clientId, String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("confidential client " + clientId + " needs a secret");
        }
        return add(new Client(clientId, secret, false, true, List.of()));
    }

    public KeycloakRealm user(User user) {
        Objects.requireNonNull(user, "user");
        if (users.stream().anyMatch(u -> u.username.equals(user.username) || u.id.equals(user.id))) {
            throw new IllegalArgumentException(
                    "realm " + name + " already has a user " + user.username + " or id " + user.id);
        }
        users.add(user);
        return this;
    }

    /** Each client's secret, empty for a public client; a copy. */
    Map<String, Optional<String>> clientSecrets() {
        Map<String, Optional<String>> secrets = new LinkedHashMap<>();
        clients.forEach(c -> secrets.put(c.clientId, c.secret()));
        return secrets;
    }

    /** The realm representation Keycloak's {@code --import-realm} reads. */
    public String toJson() {
        for (User user : users) {
            for (String role : user.roles) {
                if (!roles.contains(role)) {
                    throw new IllegalStateException("user " + user.username + " has role " + role + ", which realm "
                            + name + " does not define; add it with roles(...)");
                }
            }
        }
        ObjectNode realm = JSON.createObjectNode();
        realm.put("realm", name);
        realm.put("enabled", true);
        realm.put("sslRequired", "none");
        realm.put("accessTokenLifespan", accessTokenLifespanSeconds);
        ArrayNode realmRoles = realm.putObject("roles").putArray("realm");
        roles.forEach(role -> realmRoles.addObject().put("name", role));
        ArrayNode clientArray = realm.putArray("clients");
        for (Client client : clients) {
            clientArray.add(client.toJson(audience));
        }
        ArrayNode userArray = realm.putArray("users");
        for (User user : users) {
            userArray.add(user.toJson());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("realm " + name + " could not be written as JSON", e);
        }
    }

    private KeycloakRealm add(Client client) {
        if (clients.stream().anyMatch(c -> c.clientId.equals(client.clientId))) {
            throw new IllegalArgumentException("realm " + name + " already has a client " + client.clientId);
        }
        clients.add(client);
        return this;
    }

    private static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + what + " must not be blank");
        }
        return value;
    }

    private record Client(String clientId, String secretValue, boolean standardFlow, boolean directGrants,
            List<String> redirectUris) {

        Client {
            requireName(clientId, "client id");
        }

        Optional<String> secret() {
            return Optional.ofNullable(secretValue);
        }

        ObjectNode toJson(String audience) {
            ObjectNode c = JSON.createObjectNode();
            c.put("clientId", clientId);
            c.put("enabled", true);
            c.put("publicClient", secretValue == null);
            c.put("standardFlowEnabled", standardFlow);
            c.put("implicitFlowEnabled", false);
            c.put("directAccessGrantsEnabled", directGrants);
            c.put("serviceAccountsEnabled", secretValue != null);
            if (secretValue != null) {
                c.put("secret", secretValue);
            }
            if (standardFlow) {
                ArrayNode redirects = c.putArray("redirectUris");
                redirectUris.forEach(redirects::add);
                c.putArray("webOrigins").add("+");
                c.putObject("attributes").put("pkce.code.challenge.method", "S256");
            }
            if (audience != null) {
                ObjectNode mapper = c.putArray("protocolMappers").addObject();
                mapper.put("name", audience + "-audience");
                mapper.put("protocol", "openid-connect");
                mapper.put("protocolMapper", "oidc-audience-mapper");
                ObjectNode config = mapper.putObject("config");
                config.put("included.custom.audience", audience);
                config.put("access.token.claim", "true");
                config.put("id.token.claim", "false");
                config.put("introspection.token.claim", "true");
            }
            return c;
        }
    }

    /**
     * A user of the realm. The id is the OIDC subject ({@code sub}) of its tokens, so tests can name the user before it
     * signs in. Email (verified), first and last name default to values derived from the username: Keycloak's user
     * profile requires them, and without them the first sign-in stops at an "update your account" form.
     */
    public static final class User {
        private final String id;
        private final String username;
        private final String password;
        private String email;
        private String firstName;
        private String lastName = "Test";
        private final Set<String> roles = new LinkedHashSet<>();

        private User(String id, String username, String password) {
            this.id = requireName(id, "user id");
            this.username = requireName(username, "username");
            this.password = requireName(password, "password");
            this.email = username + "@embargo.localhost";
            this.firstName = username;
        }

        public User email(String email) {
            this.email = requireName(email, "email");
            return this;
        }

        public User name(String firstName, String lastName) {
            this.firstName = requireName(firstName, "first name");
            this.lastName = requireName(lastName, "last name");
            return this;
        }

        /** Realm roles of the user; each must be one of the realm's {@link KeycloakRealm#roles(String...)}. */
        public User roles(String... names) {
            for (String role : names) {
                roles.add(requireName(role, "role name"));
            }
            return this;
        }

        public String id() {
            return id;
        }

        public String username() {
            return username;
        }

        public String password() {
            return password;
        }

        ObjectNode toJson() {
            ObjectNode u = JSON.createObjectNode();
            u.put("id", id);
            u.put("username", username);
            u.put("enabled", true);
            u.put("emailVerified", true);
            u.put("email", email);
            u.put("firstName", firstName);
            u.put("lastName", lastName);
            ObjectNode credential = u.putArray("credentials").addObject();
            credential.put("type", "password");
            credential.put("value", password);
            credential.put("temporary", false);
            ArrayNode realmRoles = u.putArray("realmRoles");
            roles.forEach(realmRoles::add);
            return u;
        }
    }
}
