package cn.shanghai.techfinance.security;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile request bodies for every endpoint of a running service that reads one, found in its
 * context's request mappings (so a new endpoint is fuzzed without a test naming it): for each, a
 * sample body made from its body type, then every field given every wrong kind of value, boundary
 * and out-of-range values, removed, and unknown siblings; then random bytes, cuts, invalid UTF-8,
 * duplicate keys, 10,000-deep nesting, non-objects, a wrong content type. Every answer must be a
 * success (a mutation may happen to be valid) or a 4xx RFC 9457 problem with nothing of the
 * service's insides: never a 5xx, never a stack trace or a class name. Shared through this
 * module's test jar.
 */
public final class RequestBodyFuzz {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JSON.getNodeFactory();
    private static final String MARK = "@@hostile@@";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    /** What a body must never show: exception names, stack frames, packages of the code or its libraries, SQL. */
    private static final Pattern INSIDES = Pattern.compile(
            "(?i)exception|\\tat |\\bat [a-z]+\\.[a-z]|java\\.|jakarta\\.|springframework|tools\\.jackson|com\\.fasterxml|cn\\.shanghai|sql|stack ?trace");

    /** An endpoint that reads a request body: method, path pattern, body type and the media type it consumes. */
    public record Endpoint(String method, String path, Type bodyType, MediaType consumes) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One request body: what was done to it, its content type and bytes. */
    public record Body(String mutation, String contentType, byte[] bytes) {
    }

    private RequestBodyFuzz() {
    }

    /** Every handler method of {@code context}'s MVC mappings that has a {@code @RequestBody}, by path and method. */
    public static List<Endpoint> endpoints(ApplicationContext context) {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            Optional<MethodParameter> body = Arrays.stream(entry.getValue().getMethodParameters())
                    .filter(p -> p.hasParameterAnnotation(RequestBody.class)).findFirst();
            if (body.isEmpty()) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            MediaType consumes = info.getConsumesCondition().getConsumableMediaTypes().stream().findFirst()
                    .orElse(body.get().getParameterType() == String.class ? MediaType.TEXT_PLAIN : MediaType.APPLICATION_JSON);
            for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                for (String path : info.getPatternValues()) {
                    endpoints.add(new Endpoint(method.name(), path, body.get().getGenericParameterType(), consumes));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        return endpoints;
    }

    /** The path with its variables filled from {@code values}, "1" for a variable it does not name. */
    public static String path(Endpoint endpoint, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(endpoint.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "1")));
        }
        m.appendTail(path);
        return path.toString();
    }

    /**
     * Sends every hostile body to {@code endpoint} at {@code baseUrl} as the first of {@code tokens}
     * that the service lets reach the body (not answered 401 or 403 for the sample); returns what was
     * wrong with the answers, each line naming the endpoint and the mutation.
     */
    public static List<String> fuzz(String baseUrl, Endpoint endpoint, Map<String, String> pathValues, List<String> tokens,
                                    long seed) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(baseUrl + path(endpoint, pathValues));
        List<Body> bodies = bodies(endpoint, seed);
        Body sample = bodies.get(0);
        String caller = null;
        for (String token : tokens) {
            int status = send(http, uri, endpoint.method(), token, sample).statusCode();
            if (status != 401 && status != 403) {
                caller = token;
                break;
            }
        }
        List<String> failures = new ArrayList<>();
        if (caller == null) {
            failures.add(endpoint + ": no caller of those given reaches the body (401 or 403 for every one)");
            return failures;
        }
        for (Body body : bodies) {
            HttpResponse<String> answer = send(http, uri, endpoint.method(), caller, body);
            String problem = check(answer);
            if (problem != null) {
                failures.add(endpoint + " " + body.mutation() + ": " + problem + " — " + answer.statusCode() + " "
                        + cut(answer.body(), 300));
            }
        }
        return failures;
    }

    /** What is wrong with an answer to a hostile body, or null. */
    static String check(HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "a server error";
        }
        if (INSIDES.matcher(answer.body()).find()) {
            return "the body shows the service's insides";
        }
        if (status < 400) {
            return null;
        }
        if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return "not a problem (application/problem+json)";
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            return "a problem that is not JSON";
        }
        if (problem.get("status") == null || problem.get("status").asInt() != status || problem.get("title") == null) {
            return "a problem without its status or title";
        }
        return null;
    }

    private static HttpResponse<String> send(HttpClient http, URI uri, String method, String token, Body body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (body.contentType() != null) {
            request.header("Content-Type", body.contentType());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + uri + " (" + body.mutation() + ") got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the bodies ----

    /** The sample body first, then its mutations; the same seed gives the same bodies. */
    static List<Body> bodies(Endpoint endpoint, long seed) {
        Random random = new Random(seed ^ endpoint.toString().hashCode());
        String type = endpoint.consumes().toString();
        JsonNode sample = sample(endpoint.bodyType(), 0);
        List<Body> bodies = new ArrayList<>();
        bodies.add(new Body("the sample", type, bytes(sample)));
        if (sample instanceof ObjectNode object) {
            for (List<Object> path : fields(object, new ArrayList<>())) {
                String field = path.toString();
                for (JsonNode value : hostileValues()) {
                    ObjectNode changed = object.deepCopy();
                    set(changed, path, value);
                    bodies.add(new Body(field + " = " + cut(value.toString(), 40), type, bytes(changed)));
                }
                ObjectNode removed = object.deepCopy();
                set(removed, path, null);
                bodies.add(new Body(field + " removed", type, bytes(removed)));
                ObjectNode surrogate = object.deepCopy();
                set(surrogate, path, NODES.stringNode(MARK));
                bodies.add(new Body(field + " = a lone surrogate", type, replace(bytes(surrogate), "\"" + MARK + "\"", "\"\\ud800\"")));
            }
            ObjectNode unknown = object.deepCopy();
            unknown.put("settledAt", "2026-03-15");
            bodies.add(new Body("an unknown field", type, bytes(unknown)));
            String json = new String(bytes(object), StandardCharsets.UTF_8);
            if (object.size() > 0) {
                String first = json.substring(1, json.indexOf(',') > 0 ? json.indexOf(',') : json.length() - 1);
                bodies.add(new Body("a duplicate key", type, ("{" + first + "," + json.substring(1)).getBytes(StandardCharsets.UTF_8)));
                ObjectNode deep = object.deepCopy();
                deep.put(object.propertyNames().iterator().next(), MARK);
                bodies.add(new Body("a field nested 10,000 deep", type,
                        replace(bytes(deep), "\"" + MARK + "\"", "[".repeat(10_000) + "]".repeat(10_000))));
            }
        }
        byte[] whole = bytes(sample);
        for (int i = 0; i < 12 && whole.length > 1; i++) {
            bodies.add(new Body("cut", type, Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1))));
        }
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            bodies.add(new Body("random bytes", type, noise));
        }
        byte[][] invalidUtf8 = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        for (byte[] invalid : invalidUtf8) {
            byte[] text = ("{\"" + MARK + "\":\"" + MARK + "\"}").getBytes(StandardCharsets.UTF_8);
            bodies.add(new Body("invalid UTF-8", type, replaceBytes(text, MARK.getBytes(StandardCharsets.UTF_8), invalid)));
        }
        for (String notAnObject : List.of("", "null", "[]", "42", "\"x\"", "{", "}", "[".repeat(10_000) + "]".repeat(10_000))) {
            bodies.add(new Body("the body " + cut(notAnObject, 20), type, notAnObject.getBytes(StandardCharsets.UTF_8)));
        }
        bodies.add(new Body("trailing data", type, (new String(whole, StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("text/plain", "text/plain", whole));
        bodies.add(new Body("no content type", null, whole));
        bodies.add(new Body("a form", "application/x-www-form-urlencoded", "a=1&b=2".getBytes(StandardCharsets.UTF_8)));
        return bodies;
    }

    /** A value of every JSON kind, and strings at and past the usual bounds. */
    private static List<JsonNode> hostileValues() {
        return List.of(NODES.numberNode(12), NODES.numberNode(-1), NODES.numberNode(1.5), NODES.numberNode(BigInteger.TEN.pow(40)),
                NODES.booleanNode(true), NODES.stringNode("x"), NODES.stringNode(""), NODES.stringNode(" "), NODES.objectNode(),
                NODES.arrayNode(), NODES.arrayNode().add(NODES.objectNode()), NODES.nullNode(), NODES.stringNode("0.00"),
                NODES.stringNode("99999999999999999999.99"), NODES.stringNode("-0.01"), NODES.stringNode("2026-02-29"),
                NODES.stringNode("2026-13-01"), NODES.stringNode("2147483648"), NODES.stringNode("键".repeat(20_000)),
                NODES.stringNode("\u0000"), NODES.stringNode("<script>alert(1)</script>"), NODES.stringNode("' OR 1=1 --"));
    }

    /** A body of {@code type} with a plausible value in every field. */
    static JsonNode sample(Type type, int depth) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (depth > 5) {
            return NODES.nullNode();
        }
        if (raw == String.class) {
            return NODES.stringNode("x");
        }
        if (raw == LocalDate.class) {
            return NODES.stringNode("2199-01-01");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class) {
            return NODES.stringNode("2199-01-01T00:00:00Z");
        }
        if (raw == BigDecimal.class) {
            return NODES.stringNode("1.00");
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class || raw == short.class) {
            return NODES.numberNode(1);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return NODES.booleanNode(true);
        }
        if (raw.isEnum()) {
            return NODES.stringNode(((Enum<?>) raw.getEnumConstants()[0]).name());
        }
        if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
            return NODES.arrayNode().add(sample(p.getActualTypeArguments()[0], depth + 1));
        }
        if (raw.isArray()) {
            return NODES.arrayNode().add(sample(raw.getComponentType(), depth + 1));
        }
        if (raw.isRecord()) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent c : raw.getRecordComponents()) {
                object.set(c.getName(), sample(c.getGenericType(), depth + 1));
            }
            return object;
        }
        return NODES.objectNode();
    }

    private static List<List<Object>> fields(JsonNode node, List<Object> path) {
        List<List<Object>> fields = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                List<Object> child = new ArrayList<>(path);
                child.add(property.getKey());
                fields.add(child);
                fields.addAll(fields(property.getValue(), child));
            }
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            List<Object> child = new ArrayList<>(path);
            child.add(0);
            fields.add(child);
            fields.addAll(fields(array.get(0), child));
        }
        return fields;
    }

    private static void set(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = root;
        for (Object segment : path.subList(0, path.size() - 1)) {
            parent = segment instanceof Integer i ? parent.get(i) : parent.get((String) segment);
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof ArrayNode array) {
            if (value == null) {
                array.remove((int) (Integer) last);
            } else {
                array.set((Integer) last, value);
            }
        } else if (value == null) {
            ((ObjectNode) parent).remove((String) last);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }

    private static byte[] replace(byte[] json, String mark, String with) {
        return new String(json, StandardCharsets.UTF_8).replace(mark, with).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replaceBytes(byte[] value, byte[] mark, byte[] with) {
        List<Byte> out = new ArrayList<>();
        for (int i = 0; i < value.length; i++) {
            if (i <= value.length - mark.length && Arrays.equals(value, i, i + mark.length, mark, 0, mark.length)) {
                for (byte b : with) {
                    out.add(b);
                }
                i += mark.length - 1;
            } else {
                out.add(value[i]);
            }
        }
        byte[] bytes = new byte[out.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = out.get(i);
        }
        return bytes;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
