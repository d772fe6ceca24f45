package dev.mentorship.matching;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers that speak to matching-service the way a client would. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String role, String subject) {
        return given().auth().oauth2(DevTokens.mint(role, subject)).contentType(ContentType.JSON);
    }

    public static RequestSpecification office() {
        return as("program-office", "office-1");
    }

    public static String cohort() {
        return office().body(Map.of("name", "Cohort " + UUID.randomUUID())).post("/cohorts")
                .then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> mentorBody(String subject) {
        return Map.of("name", "Tammy Teacher", "email", subject + "@example.com", "subject", subject,
                "sreExperienceYears", 5, "skills", List.of("observability", "incident-response"),
                "timezone", "America/Los_Angeles", "capacity", 2, "managerId", "manager-" + subject);
    }

    public static String mentor(String subject) {
        return office().body(mentorBody(subject)).post("/mentors").then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> apprenticeBody(String subject, String cohortId) {
        return Map.of("name", "Rona Padawan", "email", subject + "@example.com", "subject", subject,
                "background", "maths teacher, coding bootcamp", "goals", List.of("observability"),
                "timezone", "America/New_York", "cohortId", cohortId, "managerId", "manager-" + subject);
    }

    public static String apprentice(String subject, String cohortId) {
        return office().body(apprenticeBody(subject, cohortId)).post("/apprentices").then().statusCode(201).extract().path("id");
    }

    /** An active mentor with these skills, time zone and capacity, and a manager of their own. */
    public static String mentor(String subject, List<String> skills, String timezone, int capacity) {
        Map<String, Object> body = new HashMap<>(mentorBody(subject));
        body.put("skills", skills);
        body.put("timezone", timezone);
        body.put("capacity", capacity);
        body.put("managerId", unique("manager"));
        return office().body(body).post("/mentors").then().statusCode(201).extract().path("id");
    }

    /** An apprentice of {@code cohortId} with these goals, in New York unless said otherwise, with a manager of their own. */
    public static String apprentice(String subject, String cohortId, List<String> goals, String timezone) {
        Map<String, Object> body = new HashMap<>(apprenticeBody(subject, cohortId));
        body.put("goals", goals);
        body.put("timezone", timezone);
        body.put("managerId", unique("manager"));
        return office().body(body).post("/apprentices").then().statusCode(201).extract().path("id");
    }

    public static String match(String mentorId, String apprenticeId) {
        return office().body(Map.of("mentorId", mentorId, "apprenticeId", apprenticeId)).post("/matches")
                .then().statusCode(201).extract().path("id");
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    // Jackson rather than RestAssured's path reader: pages of 500 rows, tens of them, read in a fraction of the time.
    private static final ObjectMapper PAGE = new ObjectMapper();

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>;\\s*rel=\"next\"");

    /**
     * Every row of a list, read the way a client reads it: the first page, then each page its
     * {@code Link: rel="next"} names, until a page names none.
     */
    public static List<Map<String, Object>> everyRow(Supplier<RequestSpecification> caller, String firstPage) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String page = firstPage;
        for (int pages = 0; page != null; pages++) {
            if (pages > 10_000) {
                throw new AssertionError("More than 10,000 pages from " + firstPage + ": the links go round in circles");
            }
            Response answer = caller.get().get(page).then().statusCode(200).extract().response();
            try {
                rows.addAll(PAGE.readValue(answer.asByteArray(), new TypeReference<List<Map<String, Object>>>() { }));
            } catch (java.io.IOException e) {
                throw new AssertionError("A page that is no JSON array: " + answer.asString(), e);
            }
            page = next(answer).orElse(null);
        }
        return rows;
    }

    /** The address of the next page, from the answer's {@code Link} header. */
    public static java.util.Optional<String> next(Response answer) {
        String link = answer.header("Link");
        if (link == null) {
            return java.util.Optional.empty();
        }
        Matcher next = NEXT.matcher(link);
        if (!next.find()) {
            throw new AssertionError("A Link header without rel=\"next\": " + link);
        }
        return java.util.Optional.of(next.group(1));
    }
}
