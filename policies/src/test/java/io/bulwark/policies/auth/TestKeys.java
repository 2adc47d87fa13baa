package io.bulwark.policies.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** Real keys, generated per test run, and tokens signed with them. */
final class TestKeys {

    static final String ISSUER = "https://auth.example.com/";
    static final String AUDIENCE = "orders-api";
    static final long NOW = Instant.parse("2030-01-01T12:00:00Z").toEpochMilli();

    static final RSAKey RSA = generate(() -> new RSAKeyGenerator(2048).keyID("rsa-1").generate());
    static final ECKey EC = generate(() -> new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate());
    static final OctetSequenceKey HMAC = generate(() -> new OctetSequenceKeyGenerator(256).keyID("hmac-1").generate());
    static final Ed25519 ED = new Ed25519("ed-1");

    private TestKeys() {
    }

    interface KeyMaker<K> {
        K make() throws JOSEException;
    }

    private static <K> K generate(KeyMaker<K> maker) {
        try {
            return maker.make();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWKS a server would publish, plus the HMAC secret (as a file JWKS would hold it). */
    static JWKSet jwks() {
        return new JWKSet(List.<JWK>of(RSA.toPublicJWK(), EC.toPublicJWK(), HMAC, ED.publicJwk()));
    }

    static JwtSettings settings(JwksSource keys) {
        return JwtSettings.of(ISSUER, List.of(AUDIENCE), Set.of("RS256", "ES256", "HS256", "EdDSA"), keys);
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("alice")
                .claim("scope", "orders:read orders:write")
                .issueTime(new Date(NOW - 60_000))
                .expirationTime(new Date(NOW + 600_000));
    }

    static String sign(JWSAlgorithm algorithm, JWTClaimsSet claims) {
        JWK key = keyFor(algorithm);
        return sign(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims, signerFor(key));
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWK keyFor(JWSAlgorithm algorithm) {
        if (algorithm.equals(JWSAlgorithm.RS256)) {
            return RSA;
        }
        if (algorithm.equals(JWSAlgorithm.ES256)) {
            return EC;
        }
        if (algorithm.equals(JWSAlgorithm.HS256)) {
            return HMAC;
        }
        return ED.publicJwk();
    }

    static JWSSigner signerFor(JWK key) {
        try {
            if (key instanceof RSAKey rsa) {
                return new RSASSASigner(rsa);
            }
            if (key instanceof ECKey ec) {
                return new ECDSASigner(ec);
            }
            if (key instanceof OctetSequenceKey oct) {
                return new MACSigner(oct);
            }
            return ED.signer();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** An Ed25519 key pair from the JDK, and a signer for it (Nimbus's own needs Tink). */
    static final class Ed25519 {
        private final KeyPair pair;
        private final String kid;

        Ed25519(String kid) {
            try {
                this.pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            this.kid = kid;
        }

        OctetKeyPair publicJwk() {
            byte[] spki = pair.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).keyID(kid).build();
        }

        JWSSigner signer() {
            return new JWSSigner() {
                @Override
                public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
                    try {
                        Signature signature = Signature.getInstance("Ed25519");
                        signature.initSign(pair.getPrivate());
                        signature.update(signingInput);
                        return Base64URL.encode(signature.sign());
                    } catch (GeneralSecurityException e) {
                        throw new JOSEException(e.getMessage(), e);
                    }
                }

                @Override
                public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                    return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
                }

                @Override
                public JCAContext getJCAContext() {
                    return new JCAContext();
                }
            };
        }
    }
}
