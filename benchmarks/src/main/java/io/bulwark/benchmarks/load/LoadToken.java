package io.bulwark.benchmarks.load;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Mints the one RS256 token the load script sends with every request, and the JWKS file the load policy trusts.
 * Usage: {@code LoadToken DIR} writes {@code DIR/jwks.json} (public key only) and {@code DIR/token.txt}. The private
 * key lives only in this process: each run of the script gets a fresh key pair.
 */
public final class LoadToken {

    /** The issuer and audience that {@code benchmarks/load-policy.json} expects. */
    public static final String ISSUER = "https://auth.bench.invalid/";
    public static final String AUDIENCE = "demo-api";
    /** Long enough for any run; a token that expired mid-run would turn the measurement into a 401 flood. */
    private static final Duration LIFETIME = Duration.ofHours(6);

    private LoadToken() {
    }

    public static void main(String[] args) throws JOSEException, IOException {
        if (args.length != 1) {
            System.err.println("usage: LoadToken DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-1").keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("token.txt"), mint(key, Instant.now()), StandardCharsets.US_ASCII);
    }

    /** An RS256 token for the load policy's issuer and audience, valid for six hours from {@code now}. */
    public static String mint(RSAKey key, Instant now) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("load-client")
                .claim("scope", "products:read")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
