package io.bulwark.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A token issuer made up by the test: fresh RSA, EC P-256 and HMAC keys (JDK generators), a JWKS file the agent's
 * policy points at, and real signed JWTs.
 */
public final class TestIssuer {

    public static final String ISSUER = "https://issuer.test/";
    public static final String AUDIENCE = "it-api";
    public static final String RSA_KID = "rsa-1";
    public static final String EC_KID = "ec-1";
    public static final String HMAC_KID = "hmac-1";

    private final KeyPair rsa;
    private final KeyPair ec;
    private final byte[] hmacSecret;

    private TestIssuer(KeyPair rsa, KeyPair ec, byte[] hmacSecret) {
        this.rsa = rsa;
        this.ec = ec;
        this.hmacSecret = hmacSecret;
    }

    public static TestIssuer generate() {
        try {
            KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
            rsaGenerator.initialize(2048);
            KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
            ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            return new TestIssuer(rsaGenerator.generateKeyPair(), ecGenerator.generateKeyPair(), secret);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public RSA and EC keys and the HMAC secret as a JWKS file. */
    public Path writeJwks(Path file) {
        JWKSet set = new JWKSet(List.of(
            new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID(RSA_KID).build(),
            new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic()).keyID(EC_KID).build(),
            new OctetSequenceKey.Builder(hmacSecret).keyID(HMAC_KID).build()));
        try {
            return Files.writeString(file, set.toString(false), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claims a valid token carries: the test's issuer and audience, issued now, valid for ten minutes. */
    public static JWTClaimsSet.Builder claims(String subject, String scope) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
            .issuer(ISSUER).audience(AUDIENCE).subject(subject)
            .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
        return scope == null ? claims : claims.claim("scope", scope);
    }

    public String rs256(JWTClaimsSet claims) {
        return sign(JWSAlgorithm.RS256, RSA_KID, claims, new RSASSASigner((RSAPrivateKey) rsa.getPrivate()));
    }

    public String es256(JWTClaimsSet claims) {
        try {
            return sign(JWSAlgorithm.ES256, EC_KID, claims, new ECDSASigner((ECPrivateKey) ec.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String hs256(JWTClaimsSet claims) {
        return hs256(HMAC_KID, hmacSecret, claims);
    }

    /** HS256 with the RSA key's public encoding as the secret: the classic key-confusion forgery. */
    public String hs256WithRsaPublicKey(JWTClaimsSet claims) {
        return hs256(RSA_KID, rsa.getPublic().getEncoded(), claims);
    }

    public String rs256WithKid(String kid, JWTClaimsSet claims) {
        return sign(JWSAlgorithm.RS256, kid, claims, new RSASSASigner((RSAPrivateKey) rsa.getPrivate()));
    }

    /** An unsigned token: {@code {"alg":"none"}}, the payload, and an empty signature. */
    public static String algNone(JWTClaimsSet claims) {
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(claims.toString()) + ".";
    }

    /** The same token with its payload re-encoded after {@code edit}: the signature no longer covers it. */
    public static String tamper(String token, UnaryOperator<String> edit) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return parts[0] + "." + base64Url(edit.apply(payload)) + "." + parts[2];
    }

    public static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String kid, byte[] secret, JWTClaimsSet claims) {
        try {
            return sign(JWSAlgorithm.HS256, kid, claims, new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSAlgorithm alg, String kid, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
