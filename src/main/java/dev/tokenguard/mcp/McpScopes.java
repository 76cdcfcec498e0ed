package dev.tokenguard.mcp;

import dev.tokenguard.internal.Scopes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The scopes a token needs for each MCP operation: calling a tool, reading a resource, getting a prompt. Declared
 * once, here or in configuration ({@code tokenguard.mcp.tools.<name>=admin}); TokenGuard enforces them before the
 * MCP server sees a request, hides from a caller's {@code tools/list} what it may not call, and announces every
 * scope named here in the RFC 9728 document.
 *
 * <pre>{@code
 * @Produces
 * McpScopes mcpScopes() {          // a plain producer: McpScopes is final, so not proxyable
 *     return McpScopes.builder()
 *             .tool("delete_note", "admin")
 *             .resource("notes://{id}", "read")
 *             .prompt("summarize", "read")
 *             .unlisted("read")
 *             .build();
 * }
 * }</pre>
 *
 * <p>A resource is matched by its exact URI and by every template that matches it, where an expression in braces
 * matches any text, {@code /} included: a URI needs the scopes of every entry it matches, so a template never
 * grants less than a narrower reading of it would. Names and URIs compare exactly (case included). What no entry
 * names needs the {@link Builder#unlisted unlisted} scopes, none unless set: any valid token.
 */
public final class McpScopes {

    private static final McpScopes NONE = new Builder().build();

    private final Map<String, List<String>> tools;
    private final Map<String, List<String>> resources;
    /** The resource entries' matchers, made once here rather than on every request. */
    private final Map<UriTemplateMatch, List<String>> resourceMatchers;
    private final Map<String, List<String>> prompts;
    private final List<String> unlisted;

    private McpScopes(Builder b) {
        this.tools = Collections.unmodifiableMap(new LinkedHashMap<>(b.tools));
        this.resources = Collections.unmodifiableMap(new LinkedHashMap<>(b.resources));
        Map<UriTemplateMatch, List<String>> matchers = new LinkedHashMap<>();
        resources.forEach((template, scopes) -> matchers.put(UriTemplateMatch.of(template), scopes));
        this.resourceMatchers = matchers;
        this.prompts = Collections.unmodifiableMap(new LinkedHashMap<>(b.prompts));
        this.unlisted = b.unlisted;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No rules: every operation needs only a valid token. */
    public static McpScopes none() {
        return NONE;
    }

    /** The scopes a token needs to call the tool {@code name}. */
    public List<String> forTool(String name) {
        return tools.getOrDefault(name, unlisted);
    }

    /** The scopes a token needs to read (or subscribe to) the resource at {@code uri}. */
    public List<String> forResource(String uri) {
        Set<String> needed = new LinkedHashSet<>();
        boolean matched = false;
        for (Map.Entry<UriTemplateMatch, List<String>> e : resourceMatchers.entrySet()) {
            if (e.getKey().matches(uri)) {
                needed.addAll(e.getValue());
                matched = true;
            }
        }
        return matched ? List.copyOf(needed) : unlisted;
    }

    /** The scopes a token needs to get the prompt {@code name}. */
    public List<String> forPrompt(String name) {
        return prompts.getOrDefault(name, unlisted);
    }

    /**
     * Every scope these rules name, each once, in the order declared: what the RFC 9728 document adds to
     * {@code scopes_supported}.
     */
    public List<String> scopesNamed() {
        Set<String> all = new LinkedHashSet<>(unlisted);
        for (Map<String, List<String>> table : List.of(tools, resources, prompts)) {
            table.values().forEach(all::addAll);
        }
        return List.copyOf(all);
    }

    /**
     * These rules and {@code other}'s together: the rules of configuration and of code.
     *
     * @throws IllegalArgumentException when both declare the same tool, resource or prompt, or both set the
     *                                  unlisted scopes: each rule has one place
     */
    public McpScopes and(McpScopes other) {
        Builder b = new Builder();
        b.copy(this);
        b.copy(other);
        return b.build();
    }

    @Override
    public String toString() {
        return "MCP scopes: tools " + tools + ", resources " + resources + ", prompts " + prompts + ", unlisted "
                + unlisted;
    }

    /** Declares the rules; every name is checked when it is added. */
    public static final class Builder {
        private final Map<String, List<String>> tools = new LinkedHashMap<>();
        private final Map<String, List<String>> resources = new LinkedHashMap<>();
        private final Map<String, List<String>> prompts = new LinkedHashMap<>();
        private List<String> unlisted = List.of();
        private boolean unlistedSet;

        private Builder() {
        }

        /** Calling the tool {@code name} needs all of {@code scopes}. */
        public Builder tool(String name, String... scopes) {
            return add("tool", tools, name, List.of(scopes));
        }

        /** Reading a resource with this exact URI, or one this URI template matches, needs all of {@code scopes}. */
        public Builder resource(String uriOrTemplate, String... scopes) {
            UriTemplateMatch.check(uriOrTemplate);
            return add("resource", resources, uriOrTemplate, List.of(scopes));
        }

        /** Getting the prompt {@code name} needs all of {@code scopes}. */
        public Builder prompt(String name, String... scopes) {
            return add("prompt", prompts, name, List.of(scopes));
        }

        /** What a tool, resource or prompt that no rule names needs (by default nothing but a valid token). */
        public Builder unlisted(String... scopes) {
            return unlisted(List.of(scopes));
        }

        /** {@link #unlisted(String...)} from a collection. */
        public Builder unlisted(Collection<String> scopes) {
            if (unlistedSet) {
                throw new IllegalArgumentException("the scopes of unlisted operations are set twice");
            }
            unlisted = Scopes.names(scopes);
            unlistedSet = true;
            return this;
        }

        /** {@link #tool(String, String...)} from a collection. */
        public Builder tool(String name, Collection<String> scopes) {
            return add("tool", tools, name, scopes);
        }

        /** {@link #resource(String, String...)} from a collection. */
        public Builder resource(String uriOrTemplate, Collection<String> scopes) {
            UriTemplateMatch.check(uriOrTemplate);
            return add("resource", resources, uriOrTemplate, scopes);
        }

        /** {@link #prompt(String, String...)} from a collection. */
        public Builder prompt(String name, Collection<String> scopes) {
            return add("prompt", prompts, name, scopes);
        }

        public McpScopes build() {
            return new McpScopes(this);
        }

        private Builder add(String kind, Map<String, List<String>> table, String name, Collection<String> scopes) {
            Objects.requireNonNull(name, kind + " name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("an MCP " + kind + " needs a name");
            }
            List<String> names = Scopes.names(new ArrayList<>(scopes));
            if (table.putIfAbsent(name, names) != null) {
                throw new IllegalArgumentException("the scopes of MCP " + kind + " \"" + name
                        + "\" are declared twice; declare each once");
            }
            return this;
        }

        private void copy(McpScopes rules) {
            rules.tools.forEach((name, scopes) -> add("tool", tools, name, scopes));
            rules.resources.forEach((name, scopes) -> add("resource", resources, name, scopes));
            rules.prompts.forEach((name, scopes) -> add("prompt", prompts, name, scopes));
            if (!rules.unlisted.isEmpty()) {
                unlisted(rules.unlisted);
            }
        }
    }
}
