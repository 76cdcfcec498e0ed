/**
 * Not API: reading MicroProfile Config into TokenGuard's settings. The keys are in
 * {@link dev.tokenguard.config.ConfigKeys}; a wrong value is a {@link dev.tokenguard.config.ConfigurationException}.
 */
package dev.tokenguard.internal.config;
