package dev.tokenguard.internal.jakarta;

import dev.tokenguard.internal.config.TokenGuardSettings;
import dev.tokenguard.jakarta.TokenPrincipal;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Produces;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.soteria.mechanisms.HttpMessageContextImpl;

/**
 * An embedded Tomcat 10.1 (Servlet 6.0) on 127.0.0.1 with a random port, wired the way a Jakarta EE 10 server
 * wires TokenGuard:
 * <ol>
 *   <li>{@link ContainerSecurityFilter} plays the container's Jakarta Security / Jakarta Authentication role:
 *       for every request it builds Soteria's real {@link HttpMessageContextImpl} with a recording
 *       {@link CallbackHandler} and calls {@link BearerTokenMechanism#validateRequest};
 *   <li>TokenGuard's {@link ChallengeFilter} on {@code /*} and {@link ProtectedResourceMetadataServlet} on the
 *       two well-known patterns, exactly as {@code META-INF/web-fragment.xml} maps them;
 *   <li>{@link EchoServlet} on {@code /api/*} and {@code /protected/*} (only {@code /protected/*} is a
 *       protected resource, i.e. has a security constraint);
 *   <li>Jersey on {@code /rest/*} with {@link RolesResource}, {@link GuardedResource} and TokenGuard's
 *       {@link RolesAllowedFeature}.
 * </ol>
 * The settings can be swapped between requests with {@link #use(TokenGuardSettings)}.
 */
final class EmbeddedTomcat implements AutoCloseable {

    /** How the simulated container treats a mechanism's {@code SEND_FAILURE}. */
    enum Mode {
        /** As the specification says: the mechanism has answered; nothing else runs. */
        STANDARD,
        /**
         * As Open Liberty does for resources it does not consider protected: the failure is ignored and the
         * request goes on, anonymously, to the filters and the resource.
         */
        CONTINUE_AFTER_SEND_FAILURE
    }

    static final String PROTECTED_PREFIX = "/protected";

    /** The MessageInfo map key by which Jakarta Authentication marks a resource as protected. */
    static final String IS_MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";

    private final Tomcat tomcat;
    private final Path baseDir;
    private final String contextPath;
    private final BearerTokenMechanism mechanism = new BearerTokenMechanism();
    private final TokenIdentityStore identityStore = new TokenIdentityStore();
    private final ProtectedResourceMetadataServlet metadataServlet = new ProtectedResourceMetadataServlet();
    private final AtomicInteger echoCalls = new AtomicInteger();
    private final AtomicInteger jaxrsCalls = new AtomicInteger();
    private final List<AuthenticationStatus> statuses = new CopyOnWriteArrayList<>();
    /** Calls of validateRequest not yet returned: a refusal reaches the client before the mechanism returns. */
    private final AtomicInteger inFlight = new AtomicInteger();

    /** No MCP endpoint configured: the metadata document's scopes are the settings' alone. */
    private static final dev.tokenguard.internal.mcp.McpRules NO_MCP = new dev.tokenguard.internal.mcp.McpRules() {
        @Override
        public dev.tokenguard.internal.config.McpSettings settings() {
            return new dev.tokenguard.internal.config.McpSettings(null, dev.tokenguard.mcp.McpScopes.none(),
                    dev.tokenguard.internal.config.McpSettings.DEFAULT_MAX_MESSAGE_SIZE);
        }
    };

    private EmbeddedTomcat(String contextPath, Mode mode) throws IOException {
        this.contextPath = contextPath;
        this.baseDir = Files.createTempDirectory("tokenguard-tomcat");
        mechanism.identityStores = new DelegatingIdentityStoreHandler(identityStore);

        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        Connector connector = tomcat.getConnector();
        connector.setProperty("address", "127.0.0.1");

        Path docBase = Files.createDirectories(baseDir.resolve("docbase"));
        org.apache.catalina.Context context = tomcat.addContext(contextPath, docBase.toString());

        // 1. The container's authentication step, ahead of every application filter.
        addFilter(context, "container-security", new ContainerSecurityFilter(mechanism, mode, statuses, inFlight), "/*");
        // 2. TokenGuard's web-fragment.xml (ordering: before others).
        addFilter(context, "tokenguard-challenge", new ChallengeFilter(), "/*");
        Tomcat.addServlet(context, "tokenguard-resource-metadata", metadataServlet);
        context.addServletMappingDecoded("/.well-known/oauth-protected-resource", "tokenguard-resource-metadata");
        context.addServletMappingDecoded("/.well-known/oauth-protected-resource/*", "tokenguard-resource-metadata");
        // 3. The application.
        Tomcat.addServlet(context, "echo", new EchoServlet(echoCalls));
        context.addServletMappingDecoded("/api/*", "echo");
        context.addServletMappingDecoded(PROTECTED_PREFIX + "/*", "echo");
        ResourceConfig jaxrs = new ResourceConfig()
                .register(RolesResource.class)
                .register(GuardedResource.class)
                .register(InheritingResource.class)
                .register(PermitAllSubclassResource.class)
                .register(RolesAllowedFeature.class)
                .property(JAXRS_COUNTER, jaxrsCalls);
        Wrapper jersey = Tomcat.addServlet(context, "jersey", new ServletContainer(jaxrs));
        jersey.setLoadOnStartup(1);
        context.addServletMappingDecoded("/rest/*", "jersey");
    }

    static EmbeddedTomcat start(String contextPath, Mode mode) {
        try {
            EmbeddedTomcat t = new EmbeddedTomcat(contextPath, mode);
            t.tomcat.start();
            return t;
        } catch (IOException | LifecycleException e) {
            throw new IllegalStateException("embedded Tomcat did not start", e);
        }
    }

    /**
     * The settings every TokenGuard component of this server (and the CDI producer behind
     * {@link RolesAllowedFilter}'s {@code CDI.current()} lookup) uses from now on.
     */
    void use(TokenGuardSettings settings) {
        mechanism.settings = settings;
        identityStore.settings = settings;
        metadataServlet.settings = settings;
        metadataServlet.mcp = NO_MCP;
        CdiSettings.current = settings;
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT} */
    String origin() {
        return "http://127.0.0.1:" + port();
    }

    String contextPath() {
        return contextPath;
    }

    /** A URI for a path relative to the application (starting with {@code /}). */
    URI uri(String path) {
        return URI.create(origin() + contextPath + path);
    }

    /** How often the echo servlet ran. */
    int echoCalls() {
        return echoCalls.get();
    }

    /** How often a JAX-RS resource method ran. */
    int jaxrsCalls() {
        return jaxrsCalls.get();
    }

    /**
     * What {@code validateRequest} returned, in request order. The mechanism flushes a refusal before it
     * returns, so the client can hold the answer a moment before the status is recorded: wait for that.
     */
    List<AuthenticationStatus> statuses() {
        awaitRecorded();
        return List.copyOf(statuses);
    }

    private void awaitRecorded() {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000L);
        }
    }

    /** Also waits for the previous test's last status, which a flushed refusal may record after its answer. */
    void resetCounters() {
        awaitRecorded();
        echoCalls.set(0);
        jaxrsCalls.set(0);
        statuses.clear();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        } finally {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }

    private static void addFilter(org.apache.catalina.Context context, String name, Filter filter, String pattern) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        def.setFilterClass(filter.getClass().getName());
        def.setAsyncSupported("true");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPattern(pattern);
        context.addFilterMap(map);
    }

    // ------------------------------------------------------------------------------------------------------
    // The container's side of Jakarta Security

    /**
     * What a Jakarta EE server does before any application filter: asks the mechanism, then lets the request
     * in (as the caller the mechanism reported, or anonymously), or stops because the mechanism answered.
     */
    static final class ContainerSecurityFilter implements Filter {
        static final String GROUPS_ATTRIBUTE = "test.container.groups";

        private final BearerTokenMechanism mechanism;
        private final Mode mode;
        private final List<AuthenticationStatus> statuses;
        private final AtomicInteger inFlight;

        ContainerSecurityFilter(BearerTokenMechanism mechanism, Mode mode, List<AuthenticationStatus> statuses,
                                AtomicInteger inFlight) {
            this.mechanism = mechanism;
            this.mode = mode;
            this.statuses = statuses;
            this.inFlight = inFlight;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            String path = request.getRequestURI().substring(request.getContextPath().length());
            boolean isProtected = path.equals(PROTECTED_PREFIX) || path.startsWith(PROTECTED_PREFIX + "/");

            RecordingCallbackHandler handler = new RecordingCallbackHandler();
            SimpleMessageInfo messageInfo = new SimpleMessageInfo(request, response);
            if (isProtected) {
                messageInfo.map.put(IS_MANDATORY, "true");
            }
            HttpMessageContextImpl context = new HttpMessageContextImpl(handler, messageInfo, new Subject());
            AuthenticationStatus status;
            inFlight.incrementAndGet();
            try {
                status = mechanism.validateRequest(request, response, context);
                statuses.add(status);
            } finally {
                inFlight.decrementAndGet();
            }

            switch (status) {
                case SUCCESS -> {
                    if (handler.principal == null) {
                        throw new IllegalStateException("SUCCESS without a CallerPrincipalCallback");
                    }
                    request.setAttribute(GROUPS_ATTRIBUTE, List.copyOf(handler.groups));
                    chain.doFilter(new LoggedInRequest(request, handler.principal, handler.groups), response);
                }
                case NOT_DONE -> {
                    if (isProtected) {
                        // A protected resource and nobody logged in: the container refuses.
                        response.sendError(HttpServletResponse.SC_FORBIDDEN);
                        return;
                    }
                    chain.doFilter(request, response);
                }
                case SEND_FAILURE, SEND_CONTINUE -> {
                    if (mode == Mode.CONTINUE_AFTER_SEND_FAILURE && status == AuthenticationStatus.SEND_FAILURE) {
                        chain.doFilter(request, response);
                    }
                    // STANDARD: the mechanism has written the response.
                }
            }
        }
    }

    /** Remembers what the mechanism told the container through Jakarta Authentication callbacks. */
    static final class RecordingCallbackHandler implements CallbackHandler {
        volatile Principal principal;
        final Set<String> groups = Collections.synchronizedSet(new LinkedHashSet<>());

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (callback instanceof CallerPrincipalCallback caller) {
                    principal = caller.getPrincipal() != null ? caller.getPrincipal()
                            : caller.getName() == null ? null : new NamePrincipal(caller.getName());
                } else if (callback instanceof GroupPrincipalCallback group) {
                    if (group.getGroups() != null) {
                        groups.addAll(List.of(group.getGroups()));
                    }
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }
    }

    private record NamePrincipal(String getName) implements Principal {
    }

    /** The request as the application sees it after the container accepted a login. */
    static final class LoggedInRequest extends HttpServletRequestWrapper {
        private final Principal principal;
        private final Set<String> groups;

        LoggedInRequest(HttpServletRequest request, Principal principal, Set<String> groups) {
            super(request);
            this.principal = principal;
            this.groups = Set.copyOf(groups);
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return groups.contains(role);
        }

        @Override
        public String getAuthType() {
            return "BEARER";
        }
    }

    /** Jakarta Authentication's message: the request, the response and a map of properties. */
    static final class SimpleMessageInfo implements MessageInfo {
        private Object request;
        private Object response;
        private final Map<String, Object> map = new HashMap<>();

        SimpleMessageInfo(HttpServletRequest request, HttpServletResponse response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public Object getRequestMessage() {
            return request;
        }

        @Override
        public Object getResponseMessage() {
            return response;
        }

        @Override
        public void setRequestMessage(Object request) {
            this.request = request;
        }

        @Override
        public void setResponseMessage(Object response) {
            this.response = response;
        }

        @Override
        public Map<String, Object> getMap() {
            return map;
        }
    }

    /** The smallest {@link IdentityStoreHandler}: the one identity store there is decides. */
    static final class DelegatingIdentityStoreHandler implements IdentityStoreHandler {
        private final TokenIdentityStore store;

        DelegatingIdentityStoreHandler(TokenIdentityStore store) {
            this.store = store;
        }

        @Override
        public CredentialValidationResult validate(Credential credential) {
            return store.validate(credential);
        }
    }

    /** The CDI bean behind {@code CDI.current().select(TokenGuardSettings.class)} (Weld SE, no discovery). */
    public static class CdiSettings {
        static volatile TokenGuardSettings current;

        @Produces
        TokenGuardSettings settings() {
            if (current == null) {
                throw new IllegalStateException("no TokenGuardSettings under test");
            }
            return current;
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // The application

    /** {@code {"name":..., "remoteUser":..., "tokenPrincipal":..., "roles":[...]}}, roles sorted. */
    static final class EchoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient AtomicInteger calls;

        EchoServlet(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            calls.incrementAndGet();
            Principal principal = request.getUserPrincipal();
            List<String> roles = new ArrayList<>();
            if (request.getAttribute(ContainerSecurityFilter.GROUPS_ATTRIBUTE) instanceof List<?> groups) {
                for (Object g : groups) {
                    if (request.isUserInRole((String) g)) {
                        roles.add((String) g);
                    }
                }
            }
            Collections.sort(roles);
            JsonObjectBuilder json = Json.createObjectBuilder();
            if (principal == null) {
                json.addNull("name").addNull("remoteUser");
            } else {
                json.add("name", principal.getName()).add("remoteUser", request.getRemoteUser());
            }
            json.add("tokenPrincipal", principal instanceof TokenPrincipal);
            JsonArrayBuilder array = Json.createArrayBuilder();
            roles.forEach(array::add);
            json.add("roles", array);
            byte[] body = json.build().toString().getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(body);
        }
    }

    static final String JAXRS_COUNTER = "test.jaxrs.counter";

    private static String jaxrsAnswer(jakarta.ws.rs.core.Configuration config, SecurityContext security,
                                      String method) {
        ((AtomicInteger) config.getProperty(JAXRS_COUNTER)).incrementAndGet();
        Principal p = security.getUserPrincipal();
        JsonObjectBuilder json = Json.createObjectBuilder().add("method", method);
        if (p == null) {
            json.addNull("name");
        } else {
            json.add("name", p.getName());
        }
        return json.build().toString();
    }

    /** Method-level annotations. */
    @jakarta.ws.rs.Path("roles")
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public static class RolesResource {
        @Context
        SecurityContext security;
        @Context
        jakarta.ws.rs.core.Configuration config;

        @GET
        @jakarta.ws.rs.Path("read")
        @RolesAllowed("read")
        public String read() {
            return jaxrsAnswer(config, security, "read");
        }

        @GET
        @jakarta.ws.rs.Path("admin")
        @RolesAllowed("admin")
        public String admin() {
            return jaxrsAnswer(config, security, "admin");
        }

        @GET
        @jakarta.ws.rs.Path("open")
        @PermitAll
        public String open() {
            return jaxrsAnswer(config, security, "open");
        }

        @GET
        @jakarta.ws.rs.Path("deny")
        @DenyAll
        public String deny() {
            return jaxrsAnswer(config, security, "deny");
        }
    }

    /** Class-level {@code @RolesAllowed}; one method opens itself with {@code @PermitAll}. */
    @jakarta.ws.rs.Path("guarded")
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("read")
    public static class GuardedResource {
        @Context
        SecurityContext security;
        @Context
        jakarta.ws.rs.core.Configuration config;

        @GET
        @jakarta.ws.rs.Path("open")
        @PermitAll
        public String open() {
            return jaxrsAnswer(config, security, "guarded-open");
        }

        @GET
        @jakarta.ws.rs.Path("inherited")
        public String inherited() {
            return jaxrsAnswer(config, security, "guarded-inherited");
        }
    }

    /** A base class with a class-level rule; its methods keep it in every subclass (Jakarta Annotations). */
    @RolesAllowed("admin")
    public abstract static class AdminBase {
        @Context
        SecurityContext security;
        @Context
        jakarta.ws.rs.core.Configuration config;

        @GET
        @jakarta.ws.rs.Path("base")
        public String base() {
            return jaxrsAnswer(config, security, "base");
        }
    }

    /** No annotation of its own: its own method is open, the inherited one is admin-only. */
    @jakarta.ws.rs.Path("inheriting")
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public static class InheritingResource extends AdminBase {
        @GET
        @jakarta.ws.rs.Path("own")
        public String own() {
            return jaxrsAnswer(config, security, "own");
        }
    }

    /** A class-level {@code @PermitAll} covers the methods it declares, not the inherited admin-only one. */
    @jakarta.ws.rs.Path("permit-sub")
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    public static class PermitAllSubclassResource extends AdminBase {
        @GET
        @jakarta.ws.rs.Path("own")
        public String own() {
            return jaxrsAnswer(config, security, "own");
        }
    }
}
