package io.bulwark.policies.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One immutable snapshot of a key set, with a verifier built once per key. A key is only ever offered for the
 * algorithms its type can serve: HMAC only with {@code oct} keys of at least the hash's size, RS/PS only with RSA keys
 * of 2048 bits or more, ES256/384/512 only with EC keys on P-256/P-384/P-521, EdDSA only with Ed25519 OKP keys. That
 * is what makes key confusion (an HS256 token "signed" with an RSA public key) impossible: no such pair is ever tried.
 *
 * <p>Keys that cannot be used are left out and described in {@link #problems()} (by kid, never by key material).
 * Private parts of asymmetric keys are dropped on load.
 */
public final class JwkKeys {

    /** What a source returns when it has no usable keys at all (for instance a JWKS URL that never answered). */
    public static final JwkKeys UNAVAILABLE = new JwkKeys(List.of(), List.of(), true);

    private record Entry(JWK key, JWSVerifier verifier) {
    }

    private final List<Entry> entries;
    private final List<String> problems;
    private final boolean unavailable;

    private JwkKeys(List<Entry> entries, List<String> problems, boolean unavailable) {
        this.entries = entries;
        this.problems = problems;
        this.unavailable = unavailable;
    }

    public static JwkKeys of(JWKSet set) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JWK jwk : set.getKeys()) {
            String name = jwk.getKeyID() == null ? "(no kid)" : jwk.getKeyID();
            try {
                JWK key = jwk instanceof OctetSequenceKey ? jwk : jwk.toPublicJWK();
                entries.add(new Entry(key, verifierFor(key)));
            } catch (JOSEException | RuntimeException e) {
                problems.add("key " + name + ": " + e.getMessage());
            }
        }
        return new JwkKeys(List.copyOf(entries), List.copyOf(problems), false);
    }

    private static JWSVerifier verifierFor(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            if (rsa.size() < 2048) {
                throw new JOSEException("RSA keys must have at least 2048 bits");
            }
            return new RSASSAVerifier(rsa);
        }
        if (key instanceof ECKey ec) {
            if (!List.of(Curve.P_256, Curve.P_384, Curve.P_521).contains(ec.getCurve())) {
                throw new JOSEException("EC keys must be on P-256, P-384 or P-521");
            }
            return new ECDSAVerifier(ec);
        }
        if (key instanceof OctetSequenceKey oct) {
            if (oct.size() < 256) {
                throw new JOSEException("HMAC keys must have at least 256 bits");
            }
            return new MACVerifier(oct);
        }
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519JdkVerifier(okp);
        }
        throw new JOSEException("unsupported key type " + key.getKeyType());
    }

    /**
     * The verifiers that may check a token with this algorithm and key id. With a kid, only keys with that kid;
     * without one, only when exactly one key fits, so a token without a kid cannot make us try every key.
     */
    List<JWSVerifier> verifiersFor(JWSAlgorithm algorithm, String kid) {
        List<JWSVerifier> found = new ArrayList<>(1);
        for (Entry entry : entries) {
            if ((kid == null || kid.equals(entry.key().getKeyID())) && fits(entry.key(), algorithm)) {
                found.add(entry.verifier());
            }
        }
        return kid == null && found.size() > 1 ? List.of() : found;
    }

    boolean hasKeyId(String kid) {
        for (Entry entry : entries) {
            if (kid.equals(entry.key().getKeyID())) {
                return true;
            }
        }
        return false;
    }

    static boolean fits(JWK key, JWSAlgorithm algorithm) {
        if (key.getAlgorithm() != null && !sameAlgorithm(key.getAlgorithm().getName(), algorithm)) {
            return false;
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return false;
        }
        if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
            return key instanceof RSAKey;
        }
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            return key instanceof OctetSequenceKey oct && oct.size() >= hashBits(algorithm);
        }
        if (algorithm.equals(JWSAlgorithm.ES256)) {
            return key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
        }
        if (algorithm.equals(JWSAlgorithm.ES384)) {
            return key instanceof ECKey ec && Curve.P_384.equals(ec.getCurve());
        }
        if (algorithm.equals(JWSAlgorithm.ES512)) {
            return key instanceof ECKey ec && Curve.P_521.equals(ec.getCurve());
        }
        if (algorithm.equals(JWSAlgorithm.EdDSA) || algorithm.equals(JWSAlgorithm.Ed25519)) {
            return key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
        }
        return false;
    }

    /** RFC 9864 renamed Ed25519's "EdDSA" to "Ed25519"; a key labelled with either serves both. */
    private static boolean sameAlgorithm(String keyAlgorithm, JWSAlgorithm algorithm) {
        boolean edwards = (keyAlgorithm.equals("EdDSA") || keyAlgorithm.equals("Ed25519"))
                && (algorithm.equals(JWSAlgorithm.EdDSA) || algorithm.equals(JWSAlgorithm.Ed25519));
        return edwards || keyAlgorithm.equals(algorithm.getName());
    }

    private static int hashBits(JWSAlgorithm algorithm) {
        return Integer.parseInt(algorithm.getName().substring(2));
    }

    public boolean isUnavailable() {
        return unavailable;
    }

    public int size() {
        return entries.size();
    }

    /** Keys left out, one line each, naming the kid and the reason; safe to log. */
    public List<String> problems() {
        return problems;
    }

    /** Same keys, same snapshot: lets a refresh that changed nothing keep cached verifications valid. */
    boolean sameKeysAs(JwkKeys other) {
        if (other == null || other.entries.size() != entries.size()) {
            return false;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!Objects.equals(entries.get(i).key(), other.entries.get(i).key())) {
                return false;
            }
        }
        return true;
    }
}
