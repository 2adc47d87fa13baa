package io.bulwark.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.InputSource;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServletInputsTest {

    /** A jakarta request that answers what gathering asks; headers by lower-case name. */
    private static Object request(String uri, String query, String contentType, Map<String, String[]> params,
                                  Map<String, List<String>> headers) {
        return request(uri, query, contentType, params, headers, null);
    }

    private static Object request(String uri, String query, String contentType, Map<String, String[]> params,
                                  Map<String, List<String>> headers, Cookie[] cookies) {
        return Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getRequestURI" -> uri;
                    case "getQueryString" -> query;
                    case "getContentType" -> contentType;
                    case "getParameterMap" -> params;
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getHeaders" -> Collections.enumeration(headers.getOrDefault(args[0], List.of()));
                    case "getCookies" -> cookies;
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> null;
                });
    }

    private static List<Input> collect(Object request) throws Throwable {
        return ServletInputs.collect(ServletAccess.of(request), request);
    }

    @Test
    void pathSegmentsAreDecodedAndNumberedSkippingEmptyOnes() throws Throwable {
        List<Input> inputs = collect(request("//api/products//caf%C3%A9/x%2Fy/", null, null, Map.of(), Map.of()));

        assertThat(inputs).containsExactly(
                Input.value(InputSource.PATH, "0", "api"),
                Input.value(InputSource.PATH, "1", "products"),
                Input.value(InputSource.PATH, "2", "café"),
                Input.value(InputSource.PATH, "3", "x/y"));
    }

    @Test
    void deepPathsKeepNumberingPastTheNamedDepths() throws Throwable {
        List<Input> inputs = collect(request("/a".repeat(20), null, null, Map.of(), Map.of()));

        assertThat(inputs).hasSize(20);
        assertThat(inputs.get(19)).isEqualTo(Input.value(InputSource.PATH, "19", "a"));
    }

    @Test
    void withoutAFormBodyEveryParameterIsAQueryParameter() throws Throwable {
        Map<String, String[]> params = new LinkedHashMap<>();
        params.put("q", new String[] {"Lamp", ""});
        List<Input> inputs = collect(request("/", "q=Lamp&q=", "application/json", params, Map.of()));

        assertThat(inputs).containsExactly(Input.key(InputSource.QUERY, "q"), Input.value(InputSource.QUERY, "q", "Lamp"));
    }

    @Test
    void theParameterMapIsAskedForOnlyWhenAQueryStringOrAFormBodyCanFillIt() throws Throwable {
        int[] asked = new int[1];
        Map<String, String[]> form = Map.of("name", new String[] {"O'Brien"});
        java.util.function.BiFunction<String, String, Object> requestWith = (query, contentType) ->
                Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                        new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                            case "getRequestURI" -> "/api/products/filter";
                            case "getQueryString" -> query;
                            case "getContentType" -> contentType;
                            case "getParameterMap" -> {
                                asked[0]++;
                                yield form;
                            }
                            case "getHeaderNames" -> Collections.emptyEnumeration();
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> null;
                        });

        assertThat(collect(requestWith.apply(null, "application/json"))).hasSize(3); // the path segments only
        assertThat(collect(requestWith.apply("", null))).hasSize(3);
        assertThat(asked[0]).isZero();

        assertThat(collect(requestWith.apply(null, "application/x-www-form-urlencoded")))
                .contains(Input.value(InputSource.FORM, "name", "O'Brien"));
        assertThat(collect(requestWith.apply("name=O'Brien", "application/json")))
                .contains(Input.value(InputSource.QUERY, "name", "O'Brien"));
        assertThat(asked[0]).isEqualTo(2);
    }

    @Test
    void aFormBodysParametersAreToldApartFromTheQuerysByTheQueryString() throws Throwable {
        Map<String, String[]> params = new LinkedHashMap<>();
        params.put("id", new String[] {"7"});
        params.put("name", new String[] {"O'Brien"});
        List<Input> inputs = collect(request("/", "id=7", "application/x-www-form-urlencoded; charset=UTF-8", params,
                Map.of()));

        assertThat(inputs).containsExactly(
                Input.key(InputSource.QUERY, "id"), Input.value(InputSource.QUERY, "id", "7"),
                Input.key(InputSource.FORM, "name"), Input.value(InputSource.FORM, "name", "O'Brien"));
    }

    @Test
    void everyNonEmptyHeaderValueIsAnInputLongOnesIncluded() throws Throwable {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String bearer = "Bearer " + "t".repeat(600);
        headers.put("authorization", List.of(bearer));
        headers.put("x-forwarded-for", List.of("198.51.100.4", "", "203.0.113.9"));
        List<Input> inputs = collect(request(null, null, null, Map.of(), headers));

        assertThat(inputs).containsExactly(
                Input.value(InputSource.HEADER, "authorization", bearer),
                Input.value(InputSource.HEADER, "x-forwarded-for", "198.51.100.4"),
                Input.value(InputSource.HEADER, "x-forwarded-for", "203.0.113.9"));
    }

    @Test
    void aBrowsersManyHeadersAreAllInputsBeyondTheListsFirstSize() throws Throwable {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            headers.put("x-h" + i, List.of("v" + i));
        }
        Map<String, String[]> params = new LinkedHashMap<>();
        params.put("q", new String[] {"a", "b", "c"});
        List<Input> inputs = collect(request("/api/x", "q=a&q=b&q=c", null, params, headers));

        assertThat(inputs).hasSize(4 + 2 + 40);
        assertThat(inputs).contains(Input.value(InputSource.QUERY, "q", "c"), Input.value(InputSource.PATH, "1", "x"),
                Input.value(InputSource.HEADER, "x-h0", "v0"), Input.value(InputSource.HEADER, "x-h39", "v39"));
    }

    @Test
    void aFloodOfParametersStopsAtTheCapAndSaysSo() throws Throwable {
        Map<String, String[]> params = new LinkedHashMap<>();
        for (int i = 0; i < ServletInputs.MAX_INPUTS; i++) {
            params.put("p" + i, new String[] {"v"});
        }
        StringBuilder query = new StringBuilder();
        params.keySet().forEach(name -> query.append(query.isEmpty() ? "" : "&").append(name).append("=v"));
        List<Input> inputs = collect(request("/a/b", query.toString(), null, params, Map.of("host", List.of("h"))));

        assertThat(inputs).hasSize(ServletInputs.MAX_INPUTS);
        assertThat(ServletInputs.truncated(inputs)).isTrue();
        assertThat(inputs.get(0)).isEqualTo(Input.key(InputSource.QUERY, "p0"));
    }

    @Test
    void theListIsTheCallersToExtend() throws Throwable {
        List<Input> inputs = collect(request("/a", null, null, Map.of(), Map.of()));
        Input json = Input.value(InputSource.JSON, "$.id", "1 OR 1=1");

        inputs.add(json);

        assertThat(inputs).containsExactly(Input.value(InputSource.PATH, "0", "a"), json);
    }

    @Test
    void eachCookiesNameAndNonEmptyValueAreInputs() throws Throwable {
        Cookie[] cookies = {new Cookie("session", "abc' OR '1'='1"), new Cookie("theme", "")};
        List<Input> inputs = collect(request(null, null, null, Map.of(),
                Map.of("cookie", List.of("session=abc' OR '1'='1; theme=")), cookies));

        assertThat(inputs).containsExactly(
                Input.value(InputSource.HEADER, "cookie", "session=abc' OR '1'='1; theme="),
                Input.key(InputSource.COOKIE, "session"), Input.value(InputSource.COOKIE, "session", "abc' OR '1'='1"),
                Input.key(InputSource.COOKIE, "theme"));
    }

    @Test
    void withoutACookieHeaderTheContainerIsNotAskedForCookies() throws Throwable {
        Cookie[] stale = {new Cookie("ghost", "x")};
        List<Input> inputs = collect(request(null, null, null, Map.of(), Map.of("host", List.of("h")), stale));

        assertThat(inputs).containsExactly(Input.value(InputSource.HEADER, "host", "h"));
    }

    @Test
    void aUriOfSlashesOnlyGivesNoInputs() throws Throwable {
        List<Input> inputs = collect(request("/".repeat(100_000) + "x", null, null, Map.of(), Map.of()));

        assertThat(inputs).containsExactly(Input.value(InputSource.PATH, "0", "x"));
    }
}
