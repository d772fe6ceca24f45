package dev.mentorship.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.Keycloak;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OIDC flow for real, as {@code bin/platform up --keycloak} runs it: Keycloak from Maven Central
 * with the realm the Kubernetes deployment imports, a token from it by the password grant, and a
 * service that takes that token and refuses the development key's.
 */
class KeycloakLocalTest {

    private static Platform platform;
    private static int keycloak;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        platform = new Platform(Platform.Settings.isolated(Checkout.root(), Files.createTempDirectory("mentorship-keycloak-")));
        platform.ensurePostgres();
        platform.ensureKafka();
        keycloak = platform.ensureKeycloak();
        platform.ensureService(Service.MATCHING);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.downAndDelete();
        }
    }

    @Test
    void a_token_from_keycloak_by_the_password_grant_is_taken_and_the_development_key_is_not() throws Exception {
        String office = Keycloak.token(keycloak, Keycloak.USERS.get("program-office"));
        String claims = new String(Base64.getUrlDecoder().decode(office.split("\\.")[1]));
        assertThat(claims).contains("\"aud\"").contains("mentorship-api").contains("\"groups\"").contains("program-office").contains("\"sub\"")
                .contains(Keycloak.issuer(keycloak));

        HttpResponse<String> created = send("POST", "/cohorts", office, "{\"name\":\"Signed in through Keycloak\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String apprentice = Keycloak.token(keycloak, Keycloak.USERS.get("apprentice"));
        // The verified address that links an HR enrolment to the first sign-in.
        assertThat(new String(Base64.getUrlDecoder().decode(apprentice.split("\\.")[1]))).contains("\"email\":\"padawan@dev.mentorship.example.com\"")
                .contains("\"email_verified\":true");
        assertThat(send("POST", "/cohorts", apprentice, "{\"name\":\"Not mine to open\"}").statusCode()).isEqualTo(403);
        assertThat(send("GET", "/mentors", DevTokens.mint("program-office", "office"), null).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.serviceUrl(Service.MATCHING) + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
