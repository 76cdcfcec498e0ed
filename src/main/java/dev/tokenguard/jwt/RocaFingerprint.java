package dev.tokenguard.jwt;

import java.math.BigInteger;

/**
 * Detects RSA moduli made by the Infineon key generator with the ROCA flaw (CVE-2017-15361), whose keys
 * can be factored. No JOSE library checks this, so it is done here, with the discrete-logarithm test
 * published by its discoverers (Nemec et al., CCS 2017; github.com/crocs-muni/roca): such a modulus is a
 * power of 65537 modulo a fixed primorial-like M.
 */
final class RocaFingerprint {

    private static final BigInteger GENERATOR = BigInteger.valueOf(65537);
    private static final BigInteger GENERATOR_ORDER = new BigInteger("2454106387091158800");
    private static final BigInteger M = new BigInteger("924cba6ae99dfa084537facc54948df0c23da044d8cabe0edd75bc6", 16);
    /** The prime-power factors of the generator's order. */
    private static final int[] ORDER_FACTORS = {16, 81, 25, 7, 11, 13, 17, 23, 29, 37, 41, 53, 83};

    private RocaFingerprint() {
    }

    static boolean isVulnerable(BigInteger modulus) {
        if (modulus.compareTo(BigInteger.TWO) <= 0 || !modulus.modPow(GENERATOR_ORDER, M).equals(BigInteger.ONE)) {
            return false;
        }
        for (int factor : ORDER_FACTORS) {
            BigInteger exponent = GENERATOR_ORDER.divide(BigInteger.valueOf(factor));
            BigInteger g = GENERATOR.modPow(exponent, M);
            BigInteger h = modulus.modPow(exponent, M);
            boolean inSubgroup = false;
            BigInteger power = BigInteger.ONE;
            for (int i = 0; i < factor && !inSubgroup; i++) {
                inSubgroup = power.equals(h);
                power = power.multiply(g).mod(M);
            }
            if (!inSubgroup) {
                return false;
            }
        }
        return true;
    }
}
