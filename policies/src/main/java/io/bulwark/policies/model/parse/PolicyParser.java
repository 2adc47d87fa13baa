package io.bulwark.policies.model.parse;

import io.bulwark.policies.model.Policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a policy file strictly and reports every error in it, each with file, line, column and field. Three
 * passes over the text: read (syntax, duplicate keys), bind (shapes, types, value syntax), validate (names that
 * must resolve, ranges, contradictions). A pure function of the text: no network, no name resolution, no file
 * other than the one named.
 */
public final class PolicyParser {

    /** A policy is a few kilobytes; the cap keeps a wrong path (a log file, a jar) from being read whole. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private PolicyParser() {
    }

    /** Parses {@code file}; the policy remembers it (see {@link Policy#source()}), errors name it as given. */
    public static PolicyParseResult parse(Path file) {
        String name = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            return single(name, "cannot read the policy file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (bytes.length > MAX_FILE_BYTES) {
            return single(name, "the policy file is larger than " + (MAX_FILE_BYTES >> 10) + "KB");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return single(name, "the policy file is not UTF-8");
        }
        PolicyParseResult result = parse(text, name);
        return result.isValid() ? PolicyParseResult.valid(result.policy().orElseThrow().withSource(file)) : result;
    }

    /**
     * Parses policy text. {@code fileName} only labels errors; the policy has no {@link Policy#source()}, so a
     * relative {@code file:} JWKS path is taken from the working directory.
     */
    public static PolicyParseResult parse(String json, String fileName) {
        Problems problems = new Problems(fileName);
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        Node root = TreeReader.read(text, problems);
        if (root == null) {
            return PolicyParseResult.invalid(problems.sorted());
        }
        RecordBinder binder = new RecordBinder(problems);
        Policy policy = binder.bindRecord(Policy.class, root, FieldPath.ROOT);
        if (policy != null) {
            PolicyValidator.validate(policy, root, problems);
        }
        return problems.isEmpty() ? PolicyParseResult.valid(policy) : PolicyParseResult.invalid(problems.sorted());
    }

    private static PolicyParseResult single(String file, String message) {
        return PolicyParseResult.invalid(java.util.List.of(new PolicyError(file, 1, 1, FieldPath.ROOT.toString(),
                message)));
    }
}
