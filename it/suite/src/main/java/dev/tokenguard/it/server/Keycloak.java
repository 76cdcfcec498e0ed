package dev.tokenguard.it.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Keycloak (the Quarkus distribution) in dev mode, as the authorization server of the integration tests: {@code
 * kc.sh start-dev} on 127.0.0.1 with the given realm files imported into a fresh H2 database, run by a Java 21+ JDK
 * ({@link #findJava21Plus()}). The bootstrap admin is {@value #ADMIN_USER}/{@value #ADMIN_PASSWORD}. Ready when the
 * management interface's {@code /health/ready} answers 200.
 *
 * <p>The database, the import folder and Quarkus' build live in the installation ({@code data/}, {@code lib/}): one
 * Keycloak per installation at a time. The very first start re-augments Quarkus (about a minute more), because
 * health and the management port differ from the distribution's build.
 */
public final class Keycloak implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    public static final int DEFAULT_HTTP_PORT = 19380;
    public static final int DEFAULT_MANAGEMENT_PORT = 19390;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final Path home;
    private final Path work;
    private ServerProcess process;
    private int httpPort;
    private int managementPort;

    /**
     * @param home the Keycloak installation ({@code .../keycloak-26.7.3})
     * @param work a directory of its own, for the log
     */
    public Keycloak(Path home, Path work) {
        this.home = home.toAbsolutePath();
        this.work = work.toAbsolutePath();
    }

    /**
     * The installation {@code keycloak-<version>} in {@code serversDir} (the version from the system property
     * {@code keycloak.version} when set), working in {@code workDir/keycloak}.
     */
    public static Keycloak in(Path serversDir, Path workDir) {
        return new Keycloak(AppServers.installation(serversDir, "keycloak-", System.getProperty("keycloak.version")),
                workDir.resolve("keycloak"));
    }

    /**
     * A JDK of version 21 or later: the system property or environment variable {@code KEYCLOAK_JAVA_HOME} when set
     * (and usable), else the JVM running this code if it is 21+, else the newest of {@code /usr/lib/jvm/*} by the
     * {@code JAVA_VERSION} of its {@code release} file.
     */
    public static Optional<Path> findJava21Plus() {
        for (String configured : new String[] {System.getProperty("KEYCLOAK_JAVA_HOME"),
                System.getenv("KEYCLOAK_JAVA_HOME")}) {
            if (configured != null && !configured.isBlank()) {
                Path home = Path.of(configured.strip());
                int version = javaVersion(home);
                if (Files.isExecutable(home.resolve("bin/java")) && (version == 0 || version >= 21)) {
                    return Optional.of(home);
                }
                System.err.println("[tokenguard-it] KEYCLOAK_JAVA_HOME=" + configured
                        + " is not a Java 21+ home (bin/java missing or release says " + version + "); ignored");
            }
        }
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> javaVersion(home) >= 21)
                    .max(Comparator.comparingInt(Keycloak::javaVersion).thenComparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature version from {@code home/release} (JAVA_VERSION="25.0.1" gives 25, "1.8.0_412" gives 8); 0 if unknown. */
    static int javaVersion(Path home) {
        Properties release = new Properties();
        try (var in = Files.newBufferedReader(home.resolve("release"))) {
            release.load(in);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        String version = release.getProperty("JAVA_VERSION", "").replace("\"", "").strip();
        if (version.startsWith("1.")) {
            version = version.substring(2);
        }
        String feature = version.split("[^0-9]", 2)[0];
        try {
            return feature.isEmpty() ? 0 : Integer.parseInt(feature);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Starts Keycloak on 127.0.0.1 with a fresh database and exactly these realm files imported.
     *
     * @throws IllegalStateException when no Java 21+ is found, or Keycloak exits; a TimeoutException after 300 s;
     *                               both with the tail of the log
     */
    public synchronized void start(List<Path> realmJsonFiles, int httpPort, int managementPort) throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Keycloak is already running: " + process);
        }
        Path javaHome = findJava21Plus().orElseThrow(() -> new IllegalStateException(
                "Keycloak needs Java 21 or later: none found (set KEYCLOAK_JAVA_HOME, or install one in /usr/lib/jvm)"));
        LocalServer.requireFile(home.resolve("bin/kc.sh"), "Keycloak's kc.sh");
        for (Path realm : realmJsonFiles) {
            LocalServer.requireFile(realm, "realm file");
        }
        Waits.Deadline deadline = Waits.Deadline.in(START_TIMEOUT);
        ServerProcess.stopLeftover("keycloak", work.resolve("server.pid"));
        Waits.checkPortFree("keycloak", httpPort);
        Waits.checkPortFree("keycloak (management)", managementPort);
        this.httpPort = httpPort;
        this.managementPort = managementPort;

        // dev mode keeps an H2 database in data/h2 and imports with IGNORE_EXISTING: wipe it for a fresh realm
        Path data = home.resolve("data");
        ServerProcess.deleteRecursively(data.resolve("h2"));
        ServerProcess.deleteRecursively(data.resolve("transaction-logs"));
        ServerProcess.deleteRecursively(data.resolve("import"));
        Files.createDirectories(data.resolve("import"));
        for (Path realm : realmJsonFiles) {
            Files.copy(realm, data.resolve("import").resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }

        Map<String, String> env = new TreeMap<>();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--import-realm");
        Files.createDirectories(work);
        process = ServerProcess.start("keycloak", command, work, env, logFile(), work.resolve("server.pid"));
        try {
            URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
            Waits.until(process, "200 from " + ready, () -> status(ready) == 200, deadline);
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    /** Stops Keycloak: SIGTERM to kc.sh (which forwards it to its JVM), then SIGKILL. Safe to call twice. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ServerProcess running = process;
        running.stop(STOP_TIMEOUT, () -> running.process().destroy());
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    public Path logFile() {
        return work.resolve("keycloak.log");
    }

    public Path home() {
        return home;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /**
     * The {@code iss} of the realm's tokens. In dev mode it follows the host and port the token was asked with:
     * always use 127.0.0.1, as this class does.
     */
    public String issuer(String realm) {
        return baseUri() + "/realms/" + realm;
    }

    public String jwksUri(String realm) {
        return issuer(realm) + "/protocol/openid-connect/certs";
    }

    public String tokenEndpoint(String realm) {
        return issuer(realm) + "/protocol/openid-connect/token";
    }

    /** An access token from the client-credentials grant; {@code scopes} are asked for in addition to the defaults. */
    public String clientCredentialsToken(String realm, String clientId, String secret, String... scopes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        if (scopes.length > 0) {
            form.put("scope", String.join(" ", scopes));
        }
        return accessToken(tokenEndpoint(realm), form);
    }

    public String introspectionEndpoint(String realm) {
        return tokenEndpoint(realm) + "/introspect";
    }

    /** Revokes an access token (RFC 7009, Keycloak's revocation endpoint), as the client it was issued to. */
    public void revoke(String realm, String clientId, String secret, String accessToken) {
        String body = "token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8)
                + "&token_type_hint=access_token&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        send(HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 200, "revoke a token of " + clientId);
    }

    /** An access token of the bootstrap admin (master realm, client {@code admin-cli}). */
    public String adminToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", "admin-cli");
        form.put("username", ADMIN_USER);
        form.put("password", ADMIN_PASSWORD);
        return accessToken(tokenEndpoint("master"), form);
    }

    /**
     * Adds a generated RSA signing key (RS256, 2048 bits) to the realm, through the admin REST API; with a priority
     * above the others' (the default key has 100) new tokens are signed with it, and the realm's JWKS lists it at
     * once beside the old one.
     *
     * @return the id of the key's component, for {@link #removeComponent}
     */
    public String addRsaSigningKey(String realm, String name, int priority) {
        String admin = adminToken();
        Map<String, Object> realmJson = json(send(HttpRequest.newBuilder(adminUri(realm))
                .header("Authorization", "Bearer " + admin).GET(), 200, "GET realm " + realm).body());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("priority", List.of(Integer.toString(priority)));
        config.put("keySize", List.of("2048"));
        config.put("algorithm", List.of("RS256"));
        config.put("active", List.of("true"));
        config.put("enabled", List.of("true"));
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("name", name);
        component.put("providerId", "rsa-generated");
        component.put("providerType", "org.keycloak.keys.KeyProvider");
        component.put("parentId", realmJson.get("id"));
        component.put("config", config);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(adminUri(realm) + "/components"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(component))), 201, "add key " + name);
        String location = created.headers().firstValue("Location").orElse("");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Deletes a component, e.g. a key added by {@link #addRsaSigningKey}: the key leaves the JWKS at once. */
    public void removeComponent(String realm, String componentId) {
        send(HttpRequest.newBuilder(URI.create(adminUri(realm) + "/components/" + componentId))
                .header("Authorization", "Bearer " + adminToken()).DELETE(), 204, "delete component " + componentId);
    }

    private URI adminUri(String realm) {
        return URI.create(baseUri() + "/admin/realms/" + realm);
    }

    private String accessToken(String tokenEndpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 200, "token request to " + tokenEndpoint
                + " (grant " + form.get("grant_type") + ", client " + form.get("client_id") + ")");
        Object token = json(response.body()).get("access_token");
        if (!(token instanceof String s)) {
            throw new IllegalStateException("no access_token in the answer of " + tokenEndpoint + ": " + response.body());
        }
        return s;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expectedStatus, String what) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak: " + what + " failed: " + e + Waits.tail(logFile(), 20), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException("Keycloak: " + what + " gave " + response.statusCode() + " (expected "
                    + expectedStatus + "): " + response.body());
        }
        return response;
    }

    private static Map<String, Object> json(String text) {
        try {
            return JsonUtil.parseJson(text);
        } catch (JoseException e) {
            throw new IllegalStateException("not a JSON object: " + text, e);
        }
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public String toString() {
        return "keycloak at " + baseUri();
    }
}
