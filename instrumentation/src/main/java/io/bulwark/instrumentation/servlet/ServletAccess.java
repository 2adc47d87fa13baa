package io.bulwark.instrumentation.servlet;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Enumeration;
import java.util.Map;

/**
 * Calls the servlet API on a request or response object whose classes the agent's loader cannot see. Method
 * handles are resolved once per container (per request class) against the API interfaces as the container's own
 * loader sees them, then invoked exactly; one implementation serves jakarta and javax alike.
 */
public final class ServletAccess {

    private static final MethodType OBJ_TO_STRING = MethodType.methodType(String.class, Object.class);

    private static final ClassValue<ServletAccess> BY_REQUEST_CLASS = new ClassValue<>() {
        @Override
        protected ServletAccess computeValue(Class<?> requestClass) {
            return resolve(requestClass);
        }
    };

    /** A request that is not an HTTP servlet request of either API, or whose API could not be resolved. */
    private static final ServletAccess NONE = new ServletAccess();

    private final ServletApi api;
    private final Class<?> requestType;
    private final MethodHandle getAttribute;
    private final MethodHandle setAttribute;
    private final MethodHandle removeAttribute;
    private final MethodHandle getMethod;
    private final MethodHandle getRequestUri;
    private final MethodHandle getQueryString;
    private final MethodHandle getParameterMap;
    private final MethodHandle getHeaderNames;
    private final MethodHandle getHeaders;
    private final MethodHandle getHeader;
    private final MethodHandle getCookies;
    private final MethodHandle cookieName;
    private final MethodHandle cookieValue;
    private final MethodHandle getRemoteAddr;
    private final MethodHandle getContentType;
    private final MethodHandle getParts;
    private final MethodHandle partName;
    private final MethodHandle partFileName;
    private final MethodHandle partInputStream;
    private final MethodHandle isAsyncStarted;
    private final MethodHandle isSecure;
    private final MethodHandle isCommitted;
    private final MethodHandle getStatus;
    private final MethodHandle reset;
    private final MethodHandle setStatus;
    private final MethodHandle setHeader;
    private final MethodHandle setContentType;
    private final MethodHandle getOutputStream;
    private final MethodHandle getWriter;
    private final MethodHandle getInputStream;
    private final MethodHandle getCharacterEncoding;

    private ServletAccess() {
        api = null;
        requestType = null;
        getAttribute = setAttribute = removeAttribute = getMethod = getRequestUri = getQueryString = null;
        getParameterMap = getHeaderNames = getHeaders = getHeader = getCookies = cookieName = cookieValue = null;
        getContentType = getParts = partName = partFileName = partInputStream = null;
        getRemoteAddr = isAsyncStarted = isSecure = isCommitted = getStatus = reset = setStatus = setHeader = null;
        setContentType = getOutputStream = getWriter = null;
        getInputStream = getCharacterEncoding = null;
    }

    private ServletAccess(ServletApi api, ClassLoader loader) throws ReflectiveOperationException {
        this.api = api;
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> req = Class.forName(api.type("http.HttpServletRequest"), false, loader);
        Class<?> res = Class.forName(api.type("http.HttpServletResponse"), false, loader);
        Class<?> cookie = Class.forName(api.type("http.Cookie"), false, loader);
        Class<?> servletOut = Class.forName(api.type("ServletOutputStream"), false, loader);
        this.requestType = req;
        getAttribute = generic(lookup.findVirtual(req, "getAttribute", MethodType.methodType(Object.class, String.class)));
        setAttribute = generic(lookup.findVirtual(req, "setAttribute",
                MethodType.methodType(void.class, String.class, Object.class)));
        removeAttribute = generic(lookup.findVirtual(req, "removeAttribute", MethodType.methodType(void.class, String.class)));
        getMethod = generic(lookup.findVirtual(req, "getMethod", MethodType.methodType(String.class)));
        getRequestUri = generic(lookup.findVirtual(req, "getRequestURI", MethodType.methodType(String.class)));
        getQueryString = generic(lookup.findVirtual(req, "getQueryString", MethodType.methodType(String.class)));
        getParameterMap = generic(lookup.findVirtual(req, "getParameterMap", MethodType.methodType(Map.class)));
        getHeaderNames = generic(lookup.findVirtual(req, "getHeaderNames", MethodType.methodType(Enumeration.class)));
        getHeaders = generic(lookup.findVirtual(req, "getHeaders", MethodType.methodType(Enumeration.class, String.class)));
        getHeader = generic(lookup.findVirtual(req, "getHeader", MethodType.methodType(String.class, String.class)));
        getCookies = generic(lookup.findVirtual(req, "getCookies", MethodType.methodType(cookie.arrayType())));
        cookieName = generic(lookup.findVirtual(cookie, "getName", MethodType.methodType(String.class)));
        cookieValue = generic(lookup.findVirtual(cookie, "getValue", MethodType.methodType(String.class)));
        getRemoteAddr = generic(lookup.findVirtual(req, "getRemoteAddr", MethodType.methodType(String.class)));
        getContentType = generic(lookup.findVirtual(req, "getContentType", MethodType.methodType(String.class)));
        Class<?> part = Class.forName(api.type("http.Part"), false, loader);
        getParts = generic(lookup.findVirtual(req, "getParts", MethodType.methodType(java.util.Collection.class)));
        partName = generic(lookup.findVirtual(part, "getName", MethodType.methodType(String.class)));
        partFileName = generic(lookup.findVirtual(part, "getSubmittedFileName", MethodType.methodType(String.class)));
        partInputStream = generic(lookup.findVirtual(part, "getInputStream",
                MethodType.methodType(java.io.InputStream.class)));
        isAsyncStarted = generic(lookup.findVirtual(req, "isAsyncStarted", MethodType.methodType(boolean.class)));
        isSecure = generic(lookup.findVirtual(req, "isSecure", MethodType.methodType(boolean.class)));
        isCommitted = generic(lookup.findVirtual(res, "isCommitted", MethodType.methodType(boolean.class)));
        getStatus = generic(lookup.findVirtual(res, "getStatus", MethodType.methodType(int.class)));
        reset = generic(lookup.findVirtual(res, "reset", MethodType.methodType(void.class)));
        setStatus = generic(lookup.findVirtual(res, "setStatus", MethodType.methodType(void.class, int.class)));
        setHeader = generic(lookup.findVirtual(res, "setHeader",
                MethodType.methodType(void.class, String.class, String.class)));
        setContentType = generic(lookup.findVirtual(res, "setContentType", MethodType.methodType(void.class, String.class)));
        getOutputStream = generic(lookup.findVirtual(res, "getOutputStream", MethodType.methodType(servletOut)));
        getWriter = generic(lookup.findVirtual(res, "getWriter", MethodType.methodType(PrintWriter.class)));
        Class<?> servletIn = Class.forName(api.type("ServletInputStream"), false, loader);
        getInputStream = generic(lookup.findVirtual(req, "getInputStream", MethodType.methodType(servletIn)));
        getCharacterEncoding = generic(lookup.findVirtual(req, "getCharacterEncoding",
                MethodType.methodType(String.class)));
    }

    /** Erases receiver and reference types to Object so call sites can use invokeExact without the API classes. */
    private static MethodHandle generic(MethodHandle handle) {
        MethodType type = handle.type();
        MethodType erased = type;
        for (int i = 0; i < type.parameterCount(); i++) {
            if (!type.parameterType(i).isPrimitive()) {
                erased = erased.changeParameterType(i, Object.class);
            }
        }
        if (!type.returnType().isPrimitive()) {
            erased = erased.changeReturnType(Object.class);
        }
        return handle.asType(erased);
    }

    private static ServletAccess resolve(Class<?> requestClass) {
        ClassLoader loader = requestClass.getClassLoader();
        for (ServletApi api : ServletApi.values()) {
            try {
                ServletAccess access = new ServletAccess(api, loader);
                if (access.requestType.isAssignableFrom(requestClass)) {
                    return access;
                }
            } catch (ReflectiveOperationException | LinkageError notThisApi) {
                // this loader does not see that API; try the other
            }
        }
        return NONE;
    }

    /** The access for this request's class, or null when it is no HTTP servlet request. */
    public static ServletAccess of(Object request) {
        ServletAccess access = BY_REQUEST_CLASS.get(request.getClass());
        return access == NONE ? null : access;
    }

    public ServletApi api() {
        return api;
    }

    public Object attribute(Object request, String name) throws Throwable {
        return (Object) getAttribute.invokeExact(request, (Object) name);
    }

    public void setAttribute(Object request, String name, Object value) throws Throwable {
        setAttribute.invokeExact(request, (Object) name, value);
    }

    public void removeAttribute(Object request, String name) throws Throwable {
        removeAttribute.invokeExact(request, (Object) name);
    }

    public String method(Object request) throws Throwable {
        return (String) (Object) getMethod.invokeExact(request);
    }

    public String requestUri(Object request) throws Throwable {
        return (String) (Object) getRequestUri.invokeExact(request);
    }

    public String queryString(Object request) throws Throwable {
        return (String) (Object) getQueryString.invokeExact(request);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String[]> parameterMap(Object request) throws Throwable {
        return (Map<String, String[]>) (Object) getParameterMap.invokeExact(request);
    }

    @SuppressWarnings("unchecked")
    public Enumeration<String> headerNames(Object request) throws Throwable {
        return (Enumeration<String>) (Object) getHeaderNames.invokeExact(request);
    }

    @SuppressWarnings("unchecked")
    public Enumeration<String> headers(Object request, String name) throws Throwable {
        return (Enumeration<String>) (Object) getHeaders.invokeExact(request, (Object) name);
    }

    public String header(Object request, String name) throws Throwable {
        return (String) (Object) getHeader.invokeExact(request, (Object) name);
    }

    /**
     * The request's {@code Cookie} objects as the container holds them, or null: with {@link #cookieName} and
     * {@link #cookieValue}, gathering reads each pair without copying it into a new array.
     */
    public Object[] cookieObjects(Object request) throws Throwable {
        return (Object[]) (Object) getCookies.invokeExact(request);
    }

    public String cookieName(Object cookie) throws Throwable {
        return (String) (Object) cookieName.invokeExact(cookie);
    }

    public String cookieValue(Object cookie) throws Throwable {
        return (String) (Object) cookieValue.invokeExact(cookie);
    }

    public String remoteAddr(Object request) throws Throwable {
        return (String) (Object) getRemoteAddr.invokeExact(request);
    }

    public String contentType(Object request) throws Throwable {
        return (String) (Object) getContentType.invokeExact(request);
    }

    /**
     * The multipart form's fields as {@code [name, fileName-or-null, first bytes of the content as text]} triples,
     * each part's content read up to {@code maxBytesPerPart}. Empty when the request is not multipart or the
     * servlet is not configured for it (the container refuses then, and the app cannot have read parts either).
     */
    public java.util.List<String[]> multipartFields(Object request, int maxBytesPerPart) throws Throwable {
        java.util.List<String[]> fields = new java.util.ArrayList<>();
        java.util.Collection<?> parts;
        try {
            parts = (java.util.Collection<?>) (Object) getParts.invokeExact(request);
        } catch (IllegalStateException | java.io.IOException notMultipart) {
            return fields;
        } catch (Exception servletException) {
            return fields; // ServletException of either API: not multipart, or a malformed body
        }
        for (Object p : parts) {
            String name = (String) (Object) partName.invokeExact(p);
            String fileName = (String) (Object) partFileName.invokeExact(p);
            String text = null;
            if (fileName == null) {
                try (java.io.InputStream in = (java.io.InputStream) (Object) partInputStream.invokeExact(p)) {
                    text = new String(in.readNBytes(maxBytesPerPart), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            fields.add(new String[] {name, fileName, text});
        }
        return fields;
    }

    /** The request's {@code ServletInputStream} (a {@code java.io.InputStream}); the app can no longer use the reader. */
    public java.io.InputStream inputStream(Object request) throws Throwable {
        return (java.io.InputStream) (Object) getInputStream.invokeExact(request);
    }

    /** The body's charset as the request declares it (or the container's configured default), or null. */
    public String characterEncoding(Object request) throws Throwable {
        return (String) (Object) getCharacterEncoding.invokeExact(request);
    }

    public boolean isAsyncStarted(Object request) throws Throwable {
        return (boolean) isAsyncStarted.invokeExact(request);
    }

    public boolean isSecure(Object request) throws Throwable {
        return (boolean) isSecure.invokeExact(request);
    }

    public boolean isCommitted(Object response) throws Throwable {
        return (boolean) isCommitted.invokeExact(response);
    }

    /** The response's status code (servlet 3.0+), through this request's API: no lookup by the response's class. */
    public int status(Object response) throws Throwable {
        return (int) getStatus.invokeExact(response);
    }

    /** Sets a response header before the app runs (the response is not committed yet). */
    public void setHeader(Object response, String name, String value) throws Throwable {
        setHeader.invokeExact(response, (Object) name, (Object) value);
    }

    /**
     * Replaces whatever the app may have buffered with the agent's own answer. The caller checks
     * {@link #isCommitted} first: a committed response cannot be rewritten.
     */
    public void writeResponse(Object response, int status, Map<String, String> headers, String contentType,
                              byte[] body) throws Throwable {
        reset.invokeExact(response);
        setStatus.invokeExact(response, status);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            setHeader.invokeExact(response, (Object) header.getKey(), (Object) header.getValue());
        }
        setContentType.invokeExact(response, (Object) contentType);
        try {
            OutputStream out = (OutputStream) (Object) getOutputStream.invokeExact(response);
            out.write(body);
            // closing completes the response: whatever the app writes after this is not sent
            out.close();
        } catch (IllegalStateException writerInUse) {
            // the app already took the writer; reset() cleared its buffer but not that choice
            PrintWriter writer = (PrintWriter) (Object) getWriter.invokeExact(response);
            writer.write(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            writer.close();
        }
    }
}
