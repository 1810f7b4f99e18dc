package dev.referent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web page in headless Chromium, driven through chromedriver's W3C WebDriver protocol: paste an article, click
 * Resolve, see the chains highlighted (hovering one highlights its chain) and the resolved text, save a screenshot
 * to {@code target/web-page.png}. Skipped where Chromium is not installed, except in CI (.ci/run installs it).
 */
class WebPageBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private static final String ARTICLE = "Barack Obama met Angela Merkel in Berlin on Friday. He praised her "
            + "leadership, and she thanked him for his support.";

    private static Path executable(String... names) {
        for (String name : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonNode call(String method, URI uri, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        b = switch (method) {
            case "GET" -> b.GET();
            case "DELETE" -> b.DELETE();
            default -> b.POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString()));
        };
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(r.body());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + uri + " -> " + r.statusCode() + ": " + r.body());
        }
        return json.get("value");
    }

    @Test
    void pasteResolveAndSeeTheChains() throws Exception {
        Path chromium = executable("chromium", "chromium-browser", "google-chrome");
        Path driver = executable("chromedriver");
        boolean ci = "true".equals(System.getenv("CI"));
        if (ci && (chromium == null || driver == null)) {
            throw new IllegalStateException("CI needs chromium and chromedriver (.ci/run installs them)");
        }
        assumeTrue(chromium != null && driver != null, "chromium and chromedriver are not installed");

        Path profile = Files.createTempDirectory("referent-chromium");
        int driverPort = freePort();
        Process chromedriver = new ProcessBuilder(driver.toString(), "--port=" + driverPort)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (ReferentServer server = ReferentServer.start(ReferentServer.Config.defaults().withPort(0).withWorkers(1),
                ReferentServerTest::model)) {
            server.awaitReady(Duration.ofSeconds(60));
            URI base = URI.create("http://127.0.0.1:" + driverPort);
            waitForDriver(base);
            ObjectNode caps = JSON.createObjectNode();
            ObjectNode options = caps.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                    .putObject("goog:chromeOptions");
            options.put("binary", chromium.toString());
            ArrayNode args = options.putArray("args");
            for (String a : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1300,900",
                    "--user-data-dir=" + profile)) {
                args.add(a);
            }
            String session = call("POST", base.resolve("/session"), caps).get("sessionId").asText();
            URI s = base.resolve("/session/" + session + "/");
            try {
                call("POST", s.resolve("url"), JSON.createObjectNode().put("url", "http://127.0.0.1:" + server.port() + "/"));
                String article = find(s, "#article");
                call("POST", s.resolve("element/" + article + "/clear"), null);
                call("POST", s.resolve("element/" + article + "/value"), JSON.createObjectNode().put("text", ARTICLE));
                call("POST", s.resolve("element/" + find(s, "#resolve") + "/click"), null);

                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int mentions = 0;
                while (System.nanoTime() < deadline && (mentions = count(s, "#annotated .mention")) == 0
                        && !script(s, "return document.getElementById('status').textContent").asText().startsWith("Error")) {
                    Thread.sleep(100);
                }
                String status = script(s, "return document.getElementById('status').textContent").asText();
                // what the page shows is what the API answers for the same article
                JsonNode expected = JSON.readTree(ReferentServerTest.post(server, "/v1/resolve", "application/json",
                        ReferentServerTest.request(ARTICLE)).body());
                assertTrue(expected.get("clusters").size() >= 1, "the model finds a chain in " + ARTICLE);
                assertTrue(mentions >= 2, "highlighted mentions: " + mentions + "; status: " + status);
                assertEquals(expected.get("resolved").asText(), text(s, "#resolved"));
                assertEquals(expected.get("replacements").size(), count(s, "#resolved .replacement"),
                        "each replacement is marked");
                assertEquals(expected.get("clusters").size(), count(s, "#legend .chip"), "one legend chip per chain");
                assertEquals(ARTICLE, text(s, "#annotated"), "the article is shown unchanged");

                // hovering a mention highlights its chain and dims the others
                String first = find(s, "#annotated .mention");
                ObjectNode actions = JSON.createObjectNode();
                ObjectNode pointer = actions.putArray("actions").addObject().put("type", "pointer").put("id", "mouse");
                pointer.putObject("parameters").put("pointerType", "mouse");
                ObjectNode move = pointer.putArray("actions").addObject().put("type", "pointerMove").put("duration", 0)
                        .put("x", 0).put("y", 0);
                move.putObject("origin").put(ELEMENT, first);
                call("POST", s.resolve("actions"), actions);
                assertTrue(count(s, "#annotated .mention.hot") >= 2, "the hovered chain is highlighted");
                assertTrue(text(s, "#chain").startsWith("Chain "), text(s, "#chain"));
                assertTrue(script(s, "return document.getElementById('download').hidden").asText().equals("false"),
                        "the JSON can be downloaded");

                byte[] png = Base64.getDecoder().decode(call("GET", s.resolve("screenshot"), null).asText());
                Path shot = Path.of("target", "web-page.png");
                Files.createDirectories(shot.getParent());
                Files.write(shot, png);
                assertTrue(png.length > 10_000, "screenshot written");
            } finally {
                call("DELETE", base.resolve("/session/" + session), null);
            }
        } finally {
            chromedriver.destroy();
            chromedriver.waitFor();
        }
    }

    private static void waitForDriver(URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                if (call("GET", base.resolve("/status"), null).path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }

    private static String find(URI s, String css) throws Exception {
        JsonNode found = call("POST", s.resolve("element"), JSON.createObjectNode().put("using", "css selector")
                .put("value", css));
        if (found == null || !found.hasNonNull(ELEMENT)) {
            throw new IllegalStateException("no element " + css + ": " + found);
        }
        return found.get(ELEMENT).asText();
    }

    private static int count(URI s, String css) throws Exception {
        return call("POST", s.resolve("elements"), JSON.createObjectNode().put("using", "css selector").put("value", css))
                .size();
    }

    private static String text(URI s, String css) throws Exception {
        return call("GET", s.resolve("element/" + find(s, css) + "/text"), null).asText();
    }

    private static JsonNode script(URI s, String js) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("script", js);
        body.putArray("args");
        return call("POST", s.resolve("execute/sync"), body);
    }
}
