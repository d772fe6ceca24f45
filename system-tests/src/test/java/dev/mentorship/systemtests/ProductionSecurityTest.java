package dev.mentorship.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.sun.net.httpserver.HttpServer;
import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import dev.mentorship.devstack.Ports;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * matching-service in the {@code prod} profile, as deployed: it trusts the OIDC provider named by
 * {@code OIDC_AUTH_SERVER_URL} (here a minimal one serving discovery and its signing keys) and never
 * the local development key that {@code bin/platform token} and the tests sign with, and only the
 * provider's tokens issued for the audience named by {@code OIDC_AUDIENCE}.
 */
class ProductionSecurityTest {

    private static final String REALM = "/realms/mentorship";
    /** Not the default audience, so that the test shows {@code OIDC_AUDIENCE} is what the service checks. */
    private static final String AUDIENCE = "https://api.mentorship.example";

    private static Platform platform;
    private static HttpServer provider;
    private static KeyPair providerKey;
    private static String issuer;
    private static Process service;
    private static String url;
    /** The management interface: health and metrics, for the kubelet and Prometheus, never for API callers. */
    private static String management;

    @BeforeAll
    static void start() throws Exception {
        platform = new Platform(Platform.Settings.isolated(Checkout.root(), Files.createTempDirectory("mentorship-prod-")));
        platform.ensurePostgres();
        platform.ensureKafka();

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        providerKey = generator.generateKeyPair();
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + REALM;
        serve(REALM + "/.well-known/openid-configuration", """
                {"issuer":"%s","jwks_uri":"%s/protocol/openid-connect/certs","token_endpoint":"%<s/protocol/openid-connect/token"}"""
                .formatted(issuer, issuer));
        RSAPublicKey key = (RSAPublicKey) providerKey.getPublic();
        serve(REALM + "/protocol/openid-connect/certs", """
                {"keys":[{"kty":"RSA","kid":"provider-1","use":"sig","alg":"RS256","n":"%s","e":"%s"}]}"""
                .formatted(base64Url(key.getModulus()), base64Url(key.getPublicExponent())));
        provider.start();

        int[] ports = Ports.free(2);
        url = "http://127.0.0.1:" + ports[0];
        management = "http://127.0.0.1:" + ports[1];
        service = platform.launchInstance(Service.MATCHING, ports[0], ports[1], "prod",
                Map.of("OIDC_AUTH_SERVER_URL", issuer, "OIDC_AUDIENCE", AUDIENCE));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.destroy();
            service.waitFor(60, TimeUnit.SECONDS);
        }
        if (provider != null) {
            provider.stop(0);
        }
        if (platform != null) {
            platform.downAndDelete();
        }
    }

    @Test
    void the_local_development_key_is_refused() {
        openCohort(DevTokens.mint("program-office", "office-1")).then().statusCode(401);
    }

    @Test
    void a_token_from_the_configured_provider_is_accepted_with_its_roles() {
        openCohort(providerToken(issuer, Set.of("program-office"))).then().statusCode(201);
        openCohort(providerToken(issuer, Set.of("apprentice"))).then().statusCode(403);
    }

    @Test
    void a_token_signed_by_the_provider_key_but_naming_another_issuer_is_refused() {
        openCohort(providerToken("https://devstack.mentorship.local", Set.of("program-office"))).then().statusCode(401);
    }

    @Test
    void a_token_from_the_provider_for_another_audience_or_none_is_refused() {
        // "account" is what Keycloak puts in access tokens without an audience mapper; "mentorship-api"
        // is the default audience, which OIDC_AUDIENCE replaced.
        for (Set<String> audiences : List.of(Set.of("account"), Set.of("mentorship-api"), Set.<String>of())) {
            openCohort(providerToken(issuer, Set.of("program-office"), audiences)).then().log().ifValidationFails()
                    .statusCode(401).contentType("application/problem+json");
        }
        openCohort(providerToken(issuer, Set.of("program-office"), Set.of("account", AUDIENCE))).then().statusCode(201);
    }

    @Test
    void no_token_is_refused() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Spring")).post(url + "/cohorts").then().statusCode(401);
    }

    @Test
    void health_and_metrics_are_served_on_the_management_port_and_not_on_the_api_port() {
        given().get(management + "/q/health/ready").then().statusCode(200);
        given().get(management + "/q/health/live").then().statusCode(200);
        given().get(management + "/q/metrics").then().statusCode(200).body(containsString("outbox_relay_leader"));

        String token = providerToken(issuer, Set.of("admin"));
        for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/health/live")) {
            given().get(url + path).then().log().ifValidationFails().statusCode(401).contentType("application/problem+json");
            // Not served there at all: a token only gets a 404.
            given().auth().oauth2(token).get(url + path).then().log().ifValidationFails().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void the_api_description_and_swagger_ui_are_served_only_with_a_token() {
        for (String path : List.of("/q/openapi", "/q/openapi?format=json", "/q/swagger-ui", "/q/swagger-ui/", "/q/swagger-ui/index.html")) {
            given().redirects().follow(false).get(url + path).then().log().ifValidationFails().statusCode(401)
                    .contentType("application/problem+json");
            given().redirects().follow(false).auth().oauth2(DevTokens.mint("admin", "admin-1")).get(url + path)
                    .then().log().ifValidationFails().statusCode(401);
        }
        String token = providerToken(issuer, Set.of("apprentice"));
        given().auth().oauth2(token).get(url + "/q/openapi").then().statusCode(200).body(containsString("/matches/{id}/accept"));
        given().auth().oauth2(token).get(url + "/q/swagger-ui/").then().statusCode(200);
    }

    private static io.restassured.response.Response openCohort(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "Spring")).post(url + "/cohorts");
    }

    private static String providerToken(String tokenIssuer, Set<String> roles) {
        return providerToken(tokenIssuer, roles, Set.of(AUDIENCE));
    }

    private static String providerToken(String tokenIssuer, Set<String> roles, Set<String> audiences) {
        JwtClaimsBuilder claims = Jwt.issuer(tokenIssuer).subject("office-1").upn("office-1").groups(roles).expiresIn(Duration.ofMinutes(5));
        if (!audiences.isEmpty()) {
            claims.audience(audiences);
        }
        return claims.jws().keyId("provider-1").sign(providerKey.getPrivate());
    }

    private static void serve(String path, String json) {
        byte[] body = json.strip().getBytes(StandardCharsets.UTF_8);
        provider.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
