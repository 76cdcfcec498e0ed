/**
 * TokenGuard as a module, for applications on the module path: the API packages are exported, the internals are
 * not. In a WAR the jar is on the class path (all three servers take it there, measured), where this descriptor
 * changes nothing. Compiled by the build against the compiled classes (see pom.xml), so that the main and test
 * compilations stay on the class path.
 */
module dev.tokenguard {
    requires java.logging;
    requires java.net.http;
    requires org.jose4j;
    // The Jakarta layer: present on every server, absent for plain Java users of the core.
    requires static jakarta.jakartaee.api;
    requires static microprofile.jwt.auth.api;
    requires static microprofile.config.api;
    // Only dev.tokenguard.mcp.McpJavaSdk refers to the MCP Java SDK, for applications that have it.
    requires static io.modelcontextprotocol.sdk.mcp.core;

    exports dev.tokenguard;
    exports dev.tokenguard.jwt;
    exports dev.tokenguard.jakarta;
    exports dev.tokenguard.config;
    exports dev.tokenguard.mcp;
    exports dev.tokenguard.introspection;
}
