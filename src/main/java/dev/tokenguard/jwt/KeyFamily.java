package dev.tokenguard.jwt;

/** The kind of key an algorithm needs; also the JWK {@code kty} that carries it. */
enum KeyFamily {
    RSA("RSA"),
    EC("EC"),
    OKP("OKP"),
    HMAC("oct");

    private final String jwkType;

    KeyFamily(String jwkType) {
        this.jwkType = jwkType;
    }

    String jwkType() {
        return jwkType;
    }
}
