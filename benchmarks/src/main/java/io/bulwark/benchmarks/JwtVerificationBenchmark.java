package io.bulwark.benchmarks;

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
import io.bulwark.policies.auth.AuthResult;
import io.bulwark.policies.auth.FixedJwksSource;
import io.bulwark.policies.auth.JwtAuthenticator;
import io.bulwark.policies.auth.JwtSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One bearer token through {@link JwtAuthenticator}, per algorithm, with the verified-token cache off ("cold": every
 * call checks the signature) and on ("cached": the steady state of a client reusing its token). The token is a
 * realistic access token of about 800 characters for RS256.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar JwtVerification -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JwtVerificationBenchmark {

    private static final String ISSUER = "https://auth.example.com/";
    private static final String AUDIENCE = "orders-api";

    @Param({"RS256", "ES256", "EdDSA", "HS256"})
    public String algorithm;

    @Param({"cold", "cached"})
    public String cache;

    private JwtAuthenticator authenticator;
    private String token;
    private long now;

    @Setup
    public void setUp() throws Exception {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        JWK verificationKey;
        JWSSigner signer;
        switch (algorithm) {
            case "RS256" -> {
                RSAKey rsa = new RSAKeyGenerator(2048).keyID("k").generate();
                verificationKey = rsa.toPublicJWK();
                signer = new RSASSASigner(rsa);
            }
            case "ES256" -> {
                ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
                verificationKey = ec.toPublicJWK();
                signer = new ECDSASigner(ec);
            }
            case "HS256" -> {
                OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("k").generate();
                verificationKey = secret;
                signer = new MACSigner(secret);
            }
            default -> {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                verificationKey = new OctetKeyPair.Builder(Curve.Ed25519,
                        Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length))).keyID("k").build();
                signer = new JdkEd25519Signer(pair);
            }
        }
        JwtSettings settings = JwtSettings.of(ISSUER, List.of(AUDIENCE), Set.of(algorithm),
                FixedJwksSource.of(new JWKSet(verificationKey)));
        if (cache.equals("cold")) {
            settings = settings.withCaches(0, 0);
        }
        authenticator = new JwtAuthenticator(settings);
        now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject("user-4711@example.com")
                .claim("scope", "orders:read orders:write profile email")
                .claim("client_id", "web-frontend-7b1c2e")
                .claim("tenant", "acme-corporation-eu-west")
                .jwtID("c0ffee00-1234-4bcd-9876-0123456789ab")
                .issueTime(new Date(now - 60_000)).notBeforeTime(new Date(now - 60_000))
                .expirationTime(new Date(now + 3_600_000))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID("k").build(), claims);
        jwt.sign(signer);
        token = jwt.serialize();
        if (!(authenticator.authenticate(token, now) instanceof AuthResult.Authenticated)) {
            throw new IllegalStateException("the benchmark token does not verify");
        }
    }

    @Benchmark
    public AuthResult authenticate() {
        return authenticator.authenticate(token, now);
    }

    /** Signs with the JDK's Ed25519 (Nimbus's own signer needs Tink). */
    private record JdkEd25519Signer(KeyPair pair) implements JWSSigner {

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
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }
}
