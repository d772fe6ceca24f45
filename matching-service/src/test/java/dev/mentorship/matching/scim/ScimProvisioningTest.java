package dev.mentorship.matching.scim;

import static dev.mentorship.matching.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.matching.hr.DeliveryProcessor;
import dev.mentorship.matching.hr.WebhookProcessingTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The requests Okta and Microsoft Entra ID send, in the order they send them, and what they do to the program. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class ScimProvisioningTest {

    private static final String SCIM = "application/scim+json";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @BeforeEach
    void theRulesCohort() {
        WebhookProcessingTest.openRulesCohort();
    }

    @Test
    void an_identity_provider_creates_finds_changes_and_deactivates_a_user_and_the_program_follows() {
        client().get("/scim/v2/ServiceProviderConfig").then().statusCode(200).contentType(SCIM).body("patch.supported", equalTo(true))
                .body("filter.supported", equalTo(true)).body("bulk.supported", equalTo(false))
                .body("authenticationSchemes[0].type", equalTo("oauthbearertoken")).body("meta.location", endsWith("/scim/v2/ServiceProviderConfig"));
        client().get("/scim/v2/ResourceTypes").then().statusCode(200).body("Resources[0].id", equalTo("User"))
                .body("Resources[0].schemaExtensions[0].schema", equalTo(ENTERPRISE));
        client().get("/scim/v2/Schemas").then().statusCode(200).body("Resources.id", hasItem(ENTERPRISE));
        client().get("/scim/v2/Schemas/" + ENTERPRISE).then().statusCode(200).body("attributes.name", hasItem("manager"));

        String userName = "rona." + UUID.randomUUID() + "@example.com";
        // Okta and Entra look for the user before creating them.
        client().queryParam("filter", "userName eq \"" + userName + "\"").get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(0)).body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:ListResponse"));
        String externalId = "00u" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
        String created = """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "%s"],
                 "userName": "%s", "externalId": "%s", "active": true, "password": "never kept",
                 "name": {"givenName": "Rona", "familyName": "Padawan"}, "displayName": "Rona Padawan", "title": "SRE Apprentice",
                 "timezone": "Europe/Berlin", "emails": [{"value": "%s", "type": "work", "primary": true}],
                 "%s": {"employeeNumber": "1042", "department": "Reliability", "manager": {"value": "M-7"}}}
                """.formatted(ENTERPRISE, userName, externalId, userName, ENTERPRISE);
        var answer = client().body(created).post("/scim/v2/Users").then().statusCode(201).contentType(SCIM)
                .header("Location", containsString("/scim/v2/Users/")).header("ETag", equalTo("W/\"1\""))
                .body("userName", equalTo(userName)).body("active", equalTo(true)).body("meta.resourceType", equalTo("User"))
                .body(enterprise("department"), equalTo("Reliability")).body(enterprise("manager.value"), equalTo("M-7"))
                .extract();
        String id = answer.path("id");
        assertThat(answer.body().asString()).doesNotContain("never kept");
        client().body(created.replace(userName, userName.toUpperCase()).replace(externalId, "other")).post("/scim/v2/Users").then()
                .statusCode(409).contentType(SCIM).body("scimType", equalTo("uniqueness")).body("status", equalTo("409"));

        client().queryParam("filter", "userName eq \"" + userName.toUpperCase() + "\"").get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        client().queryParam("filter", "externalId eq \"" + externalId + "\"").get("/scim/v2/Users").then().body("totalResults", equalTo(1));
        client().get("/scim/v2/Users/" + id).then().statusCode(200).body("name.givenName", equalTo("Rona"))
                .body("emails[0].value", equalTo(userName));

        // The hire goes through the HR mapping rules: the Reliability department enrols an apprentice.
        String outcome = worked(id, 1);
        assertThat(outcome).startsWith("enrolled apprentice ").contains(WebhookProcessingTest.COHORT);
        String apprentice = outcome.replaceAll("enrolled apprentice ([0-9a-f-]+) in cohort .*", "$1");
        as("program-office", "office").get("/apprentices/" + apprentice).then().statusCode(200).body("email", equalTo(userName))
                .body("timezone", equalTo("Europe/Berlin")).body("status", equalTo("ENROLLED"));
        // Enrolled, the user's record is the apprentice's: the identity provider reading it is in their access log.
        client().get("/scim/v2/Users/" + id).then().statusCode(200);
        as("admin", "root").queryParam("subject", "hr:" + apprentice).get("/admin/access-log").then().statusCode(200)
                .body("endpoint", hasItem("GET /scim/v2/Users/" + id)).body("reader", hasItem("okta"));

        // Entra: capitalised operations, filtered paths, the manager as a bare id.
        String moved = "moved." + userName;
        String entraPatch = """
                {"schemas": ["%s"], "Operations": [
                  {"op": "Replace", "path": "emails[type eq \\"work\\"].value", "value": "%s"},
                  {"op": "Replace", "path": "name.givenName", "value": "Ronda"},
                  {"op": "Add", "path": "%s:manager", "value": "M-8"},
                  {"op": "Replace", "path": "timezone", "value": "America/New_York"}]}
                """.formatted(PATCH_OP, moved, ENTERPRISE);
        client().header("If-Match", "W/\"1\"").body(entraPatch).patch("/scim/v2/Users/" + id).then().statusCode(200).contentType(SCIM)
                .header("ETag", equalTo("W/\"2\"")).body("emails[0].value", equalTo(moved)).body("name.givenName", equalTo("Ronda"));
        client().get("/scim/v2/Users/" + id).then().body(enterprise("manager.value"), equalTo("M-8"));
        assertThat(worked(id, 2)).isEqualTo("updated apprentice " + apprentice);
        as("program-office", "office").get("/apprentices/" + apprentice).then().body("email", equalTo(moved))
                .body("timezone", equalTo("America/New_York"));

        client().header("If-Match", "W/\"1\"").body(entraPatch).patch("/scim/v2/Users/" + id).then().statusCode(412).contentType(SCIM);

        // Sent again, the same change makes no new version and nothing for the program to work out.
        client().body(entraPatch).patch("/scim/v2/Users/" + id).then().statusCode(200).header("ETag", equalTo("W/\"2\""));
        client().header("If-None-Match", "W/\"2\"").get("/scim/v2/Users/" + id).then().statusCode(304);

        // Okta: deactivation as a value object without a path.
        client().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        assertThat(worked(id, 3)).isEqualTo("withdrew apprentice " + apprentice);
        as("program-office", "office").get("/apprentices/" + apprentice).then().body("status", equalTo("WITHDRAWN"));
        // Without active, a replacement keeps the user inactive: no second hire.
        client().body(created.replace("\"active\": true, ", "")).put("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        client().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"active\"}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        assertThat(deliveries(id)).hasSize(3);

        client().delete("/scim/v2/Users/" + id).then().statusCode(204);
        client().get("/scim/v2/Users/" + id).then().statusCode(404).contentType(SCIM).body("status", equalTo("404"));
    }

    @Test
    void only_the_provisioning_client_and_every_refusal_is_a_scim_error() {
        given().get("/scim/v2/Users").then().statusCode(401).contentType(SCIM)
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"));
        as("program-office", "office").get("/scim/v2/Users").then().statusCode(403).contentType(SCIM);
        as("admin", "root").contentType(SCIM).body("{}").post("/scim/v2/Users").then().statusCode(403);

        client().queryParam("filter", "displayName co \"Rona\"").get("/scim/v2/Users").then().statusCode(400).contentType(SCIM)
                .body("scimType", equalTo("invalidFilter"));
        client().queryParam("count", "many").get("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        client().body("{\"userName\": ").post("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        client().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"displayName\":\"No user name\"}").post("/scim/v2/Users")
                .then().statusCode(400).body("scimType", equalTo("invalidValue")).body("detail", containsString("userName"));
        client().body("{\"userName\":\"no-schemas@example.com\"}").post("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidSyntax"));
        String valid = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + UUID.randomUUID() + "\"";
        client().body(valid + ",\"timezone\":\"Mars/Olympus\"}").post("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        client().body(valid + ",\"emails\":[{\"value\":\"not an address\"}]}").post("/scim/v2/Users").then().statusCode(400);
        client().body(valid + ",\"active\":\"maybe\"}").post("/scim/v2/Users").then().statusCode(400);
        client().body(valid + ",\"displayName\":\"a\\u0000b\"}").post("/scim/v2/Users").then().statusCode(400);
        client().contentType("text/plain").body(valid + "}").post("/scim/v2/Users").then().statusCode(415).contentType(SCIM);
        client().get("/scim/v2/Users/not-a-uuid").then().statusCode(404).contentType(SCIM);
        client().get("/scim/v2/Users/" + UUID.randomUUID()).then().statusCode(404);
        client().get("/scim/v2/Schemas/urn:example:unknown").then().statusCode(404).contentType(SCIM);

        // Inactive from the start: kept, and nobody is enrolled.
        String id = client().body(valid + ",\"active\":false}").post("/scim/v2/Users").then().statusCode(201).body("active", equalTo(false))
                .extract().path("id");
        client().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"emails[type eq\"}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(400).body("scimType", equalTo("invalidPath"));
        client().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"move\",\"path\":\"title\",\"value\":\"x\"}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(400);
        client().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"remove\"}]}").patch("/scim/v2/Users/" + id).then()
                .statusCode(400).body("scimType", equalTo("noTarget"));
        client().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"userName\"}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(400).body("detail", containsString("userName"));
        // An element added as text, then a sub-attribute of every element: refused, not a server error.
        client().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"add\",\"path\":\"emails\",\"value\":\"x\"},"
                + "{\"op\":\"replace\",\"path\":\"emails.value\",\"value\":\"b@example.com\"}]}").patch("/scim/v2/Users/" + id).then()
                .statusCode(400).contentType(SCIM);
        client().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"add\",\"value\":{\"emails[type eq \\\""
                + "x".repeat(40_000) + "\\\"].value\":\"a@example.com\"}}]}").patch("/scim/v2/Users/" + id).then().statusCode(400);
        client().queryParam("filter", "userName eq \"" + "x".repeat(2_000) + "\"").get("/scim/v2/Users").then().statusCode(400);
        client().queryParam("startIndex", "99999999999999999999").queryParam("count", "-5").get("/scim/v2/Users").then().statusCode(200)
                .body("Resources.size()", equalTo(0));
        client().get("/scim/v2/Users/" + id).then().statusCode(200).header("ETag", equalTo("W/\"1\""));
        assertThat(deliveries(id)).isEmpty();
    }

    @Test
    void patch_operations_add_replace_and_remove_attributes_of_every_kind() {
        String id = client().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + UUID.randomUUID()
                + "\",\"active\":false,\"emails\":[{\"value\":\"a@example.com\",\"type\":\"work\"}]}").post("/scim/v2/Users").then().statusCode(201)
                .extract().path("id");
        String patch = """
                {"schemas": ["%s"], "Operations": [
                  {"op": "add", "path": "emails", "value": [{"value": "b@example.com", "type": "home"}]},
                  {"op": "add", "value": {"title": "Staff SRE", "name": {"familyName": "Padawan"}, "%s": {"department": "Platform"}}},
                  {"op": "replace", "path": "name.formatted", "value": "Rona Padawan"},
                  {"op": "add", "path": "roles", "value": [{"value": "ignored"}]},
                  {"op": "remove", "path": "emails[type eq \\"work\\"]"}]}
                """.formatted(PATCH_OP, ENTERPRISE);
        client().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"name\",\"value\":{\"givenName\":\"Rona\"}}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(200);
        client().body(patch).patch("/scim/v2/Users/" + id).then().statusCode(200).body("emails.value", equalTo(List.of("b@example.com")))
                .body("name.givenName", equalTo("Rona"))
                .body("title", equalTo("Staff SRE")).body("name.familyName", equalTo("Padawan")).body("name.formatted", equalTo("Rona Padawan"))
                .body(enterprise("department"), equalTo("Platform"));
        client().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"" + ENTERPRISE + ":department\"},"
                        + "{\"op\":\"remove\",\"path\":\"title\"}]}").patch("/scim/v2/Users/" + id).then().statusCode(200)
                .body("title", equalTo(null)).body("schemas", equalTo(List.of("urn:ietf:params:scim:schemas:core:2.0:User")));
        // A whole replacement clears what it leaves out.
        client().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"renamed-" + id + "\",\"active\":false}")
                .put("/scim/v2/Users/" + id).then().statusCode(200).body("userName", equalTo("renamed-" + id)).body("emails", equalTo(null));
    }

    private static RequestSpecification client() {
        return as("scim-provisioner", "okta").contentType(SCIM).accept(SCIM);
    }

    @Test
    void a_user_provisioned_again_after_the_persons_erasure_is_neither_enrolled_nor_kept() {
        String userName = "erased." + UUID.randomUUID() + "@example.com";
        String user = """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "%s"], "userName": "%s", "active": true,
                 "name": {"givenName": "Erin", "familyName": "Erased"}, "emails": [{"value": "%s", "type": "work", "primary": true}],
                 "%s": {"department": "Reliability"}}
                """.formatted(ENTERPRISE, userName, userName, ENTERPRISE);
        String first = client().body(user).post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        String apprentice = worked(first, 1).replaceAll("enrolled apprentice ([0-9a-f-]+) in cohort .*", "$1");
        as("admin", "root").post("/admin/people/hr:" + apprentice + "/erasure").then().statusCode(202).body("services[0].erased.scimUsers", equalTo(1));
        client().get("/scim/v2/Users/" + first).then().statusCode(404);

        // The identity provider, finding the user gone, provisions them again.
        String again = client().body(user).post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        assertThat(worked(again, 1)).startsWith(DeliveryProcessor.ERASED);
        String kept = client().get("/scim/v2/Users/" + again).then().statusCode(200).body("userName", equalTo(again))
                .body("active", equalTo(true)).extract().body().asString();
        assertThat(kept).doesNotContain(userName).doesNotContain("Erin").doesNotContain("Erased");
    }

    /** RestAssured's path to an attribute of the enterprise extension. */
    private static String enterprise(String attribute) {
        return "'" + ENTERPRISE + "'." + attribute;
    }

    /** What the change of the user's write that made this version did, once worked out. */
    private static String worked(String id, int version) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> deliveries(id).stream()
                .filter(delivery -> delivery.get("deliveryId").equals(id + "/v" + version))
                .filter(delivery -> List.of("PROCESSED", "IGNORED", "FAILED").contains(delivery.get("status")))
                .map(delivery -> String.valueOf(delivery.get("outcome"))).findFirst().orElse(null), outcome -> outcome != null);
    }

    private static List<Map<String, Object>> deliveries(String id) {
        ValidatableResponse listed = as("admin", "root").queryParam("source", "scim").get("/admin/webhooks/deliveries").then().statusCode(200);
        return listed.extract().path("findAll { it.deliveryId.startsWith('" + id + "/') }");
    }
}
