/**
 * Not API: the Jakarta EE integration (the authentication mechanism, identity store, CDI producers and extension,
 * challenges, the JAX-RS role filter, the metadata servlet). Public only where a container instantiates the class
 * (CDI, JAX-RS, {@code web-fragment.xml}); applications see it through {@code @Inject} and configuration. The API of
 * this layer is {@link dev.tokenguard.jakarta.ScopeEnforcer} and {@link dev.tokenguard.jakarta.TokenPrincipal}.
 */
package dev.tokenguard.internal.jakarta;
