package dev.tokenguard.internal.config;

/**
 * Where requests carry the token: {@code Authorization: Bearer …} (the default), a cookie
 * ({@code mp.jwt.token.header=Cookie}, named by {@code mp.jwt.token.cookie}), or another header whose value
 * is the token.
 */
public record TokenLocation(String header, String cookie) {

    public static final TokenLocation AUTHORIZATION = new TokenLocation("Authorization", null);

    public boolean isAuthorizationHeader() {
        return "Authorization".equalsIgnoreCase(header);
    }

    public boolean isCookie() {
        return cookie != null;
    }

    @Override
    public String toString() {
        return isCookie() ? "cookie " + cookie : isAuthorizationHeader() ? "Authorization: Bearer" : "header " + header;
    }
}
