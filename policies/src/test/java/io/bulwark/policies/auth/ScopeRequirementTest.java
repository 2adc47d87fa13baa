package io.bulwark.policies.auth;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeRequirementTest {

    private final ScopeRequirement all = new ScopeRequirement(Set.of("orders:read", "orders:write"),
            ScopeRequirement.Match.ALL);
    private final ScopeRequirement any = new ScopeRequirement(Set.of("orders:read", "admin"),
            ScopeRequirement.Match.ANY);

    @Test
    void allNeedsEveryScopeAndReportsTheMissingOnes() {
        assertThat(all.missing(Set.of("orders:read", "orders:write", "x"))).isEmpty();
        assertThat(all.missing(Set.of("orders:read"))).containsExactly("orders:write");
        assertThat(all.isMet(Set.of())).isFalse();
    }

    @Test
    void anyNeedsOneScope() {
        assertThat(any.isMet(Set.of("admin"))).isTrue();
        assertThat(any.missing(Set.of("orders:write"))).containsExactlyInAnyOrder("orders:read", "admin");
    }

    @Test
    void missingScopesKeepThePolicyOrderAndEqualRequirementsAreEqual() {
        ScopeRequirement ordered = new ScopeRequirement(new java.util.LinkedHashSet<>(List.of("c", "a", "b")),
                ScopeRequirement.Match.ALL);

        assertThat(ordered.missing(Set.of("a"))).containsExactly("c", "b");
        assertThat(ordered.isMet(Set.of("a", "b", "c"))).isTrue();
        assertThat(ordered).isEqualTo(new ScopeRequirement(Set.of("a", "b", "c"), ScopeRequirement.Match.ALL))
                .isNotEqualTo(new ScopeRequirement(Set.of("a", "b", "c"), ScopeRequirement.Match.ANY));
        assertThatThrownBy(() -> ordered.scopes().add("d")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEmptyRequirementIsAMistake() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ScopeRequirement(Set.of(), ScopeRequirement.Match.ALL));
    }

    @Test
    void scopeClaimsInBothShapes() {
        assertThat(ScopeClaim.parse("a  b c")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(ScopeClaim.parse(List.of("a", "b", 7))).containsExactlyInAnyOrder("a", "b");
        assertThat(ScopeClaim.parse(Map.of("a", true))).as("an unexpected type grants nothing").isEmpty();
        assertThat(ScopeClaim.parse(null)).isEmpty();
        String many = java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "s" + i)
                .collect(java.util.stream.Collectors.joining(" "));
        assertThat(ScopeClaim.parse(many)).hasSize(ScopeClaim.MAX_SCOPES);
    }

    @Test
    void routeRequirementsDecide() {
        Identity reader = new Identity("alice", Set.of("orders:read"), Map.of(), "jwt");
        AuthRequirement scoped = new AuthRequirement.Scoped(all);

        assertThat(new AuthRequirement.Public().decide(null).allowed()).isTrue();
        assertThat(new AuthRequirement.Authenticated().decide(null)).isEqualTo(AccessDecision.UNAUTHENTICATED);
        assertThat(new AuthRequirement.Authenticated().decide(reader).allowed()).isTrue();
        AccessDecision denied = scoped.decide(reader);
        assertThat(denied.outcome()).isEqualTo(AccessDecision.Outcome.INSUFFICIENT_SCOPE);
        assertThat(denied.missing()).containsExactly("orders:write");
        assertThat(denied.required()).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(scoped.decide(null)).isEqualTo(AccessDecision.UNAUTHENTICATED);
    }
}
