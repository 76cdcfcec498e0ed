/**
 * Not API: TokenGuard's own machinery (strict JSON, plain values, the scope parser, token digests, the rejection
 * log). Public only so that TokenGuard's other packages can use it; it may change in any release. Applications use
 * {@code dev.tokenguard}, {@code dev.tokenguard.jwt}, {@code dev.tokenguard.jakarta} and {@code dev.tokenguard.config}.
 */
package dev.tokenguard.internal;
