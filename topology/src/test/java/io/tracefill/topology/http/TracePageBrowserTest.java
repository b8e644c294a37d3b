package io.tracefill.topology.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracefill.serdes.json.CompletionRequestDecoder;
import io.tracefill.serdes.json.ResponseType;
import io.tracefill.serdes.json.TracingResponseEncoder;
import io.tracefill.serdes.model.CompletionRequest;
import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.L7FlowTracing;
import io.tracefill.tracing.TraceRequest;
import io.tracefill.tracing.TracingConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The trace page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs), showing what the engine computes for {@code examples/}: bars,
 * icons, colours, nesting, the click, the tracing source, the services and the error messages.
 * Leaves a screenshot in {@code target/test-artifacts/trace-page.png}. Skipped only where the
 * browser is not installed.
 */
class TracePageBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TRACEFILL_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("TRACEFILL_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path EXAMPLES = MODULE.resolve("../examples");
    private static final Path SCREENSHOT = MODULE.resolve("target/test-artifacts/trace-page.png");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String L7_TRACE = "l7-flow-tracing";
    private static final String FAILING_TRACE = "store-down";
    private static final String EMPTY_TRACE = "nothing-found";

    /** The ids behind each relation name of related_ids (spec §4.5). */
    private static final Map<String, List<String>> RELATION_IDS = Map.of(
            "network", List.of("req_tcp_seq", "resp_tcp_seq"),
            "xrequestid", List.of("x_request_id_0", "x_request_id_1"),
            "syscall", List.of("syscall_trace_id_request", "syscall_trace_id_response"),
            "app", List.of("span_id", "parent_span_id"),
            "request_id", List.of("request_id"));

    private static String requestBody;
    private static String traceId;
    private static JsonNode demo;
    private static JsonNode l7;
    private static TracePageServer server;
    private static ChromeDriver driver;

    /** Why the browser cannot run here, or null when it can. */
    private static final String MISSING_BROWSER = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) ? null
            : "chromium/chromedriver not installed: need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver; .ci/run does)";

    @BeforeAll
    static void start() throws Exception {
        if (MISSING_BROWSER != null) {
            // each test reports the skip; this line puts the reason in the build log too
            System.err.println("TracePageBrowserTest skipped: " + MISSING_BROWSER);
            return;
        }

        // the page shows what the engine answers for the bundled example, as ./tracefill complete does
        List<Flow> flows = FlowFileTraces.readFlows(EXAMPLES.resolve("frontend-orders.jsonl"));
        FlowFileTraces traces = new FlowFileTraces(flows, TracingConfig.defaults());
        requestBody = Files.readString(EXAMPLES.resolve("completion-request.json"));
        CompletionRequest request = new CompletionRequestDecoder().decode(requestBody);
        traceId = FlowFileTraces.traceId(request).orElseThrow();
        ObjectMapper mapper = new ObjectMapper();
        demo = mapper.readTree(traces.complete(request));
        // L7FlowTracing's answer carries DATA.services, which the page must prefer to its own sums
        byte[] l7Json = new TracingResponseEncoder(ResponseType.L7_FLOW_TRACING, false).encode(
                new L7FlowTracing(new InMemoryFlowIndex(flows), TracingConfig.defaults())
                        .trace(TraceRequest.forId("7378753814532194405")));
        l7 = mapper.readTree(l7Json);
        Map<String, byte[]> extra = Map.of(
                L7_TRACE, l7Json,
                FAILING_TRACE, utf8("{\"OPT_STATUS\":\"SERVER_ERROR\",\"DESCRIPTION\":\"state store unavailable\",\"DATA\":{}}"),
                EMPTY_TRACE, utf8("{\"OPT_STATUS\":\"SUCCESS\",\"DESCRIPTION\":\"\",\"DATA\":{}}"));
        TracePageHandler handler = new TracePageHandler(new TracePage(),
                id -> extra.containsKey(id) ? Optional.of(extra.get(id)) : traces.trace(id), traces::complete);
        server = TracePageServer.start(handler, 0);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @BeforeEach
    void requireBrowser() {
        assumeTrue(MISSING_BROWSER == null, MISSING_BROWSER);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void drawsOneBarPerSpanWithTheIconOfItsSignalSource() {
        open(traceId);

        List<WebElement> bars = driver.findElements(By.cssSelector("#flame .bar"));
        assertThat(bars).hasSize(demo.at("/DATA/tracing").size());
        for (JsonNode span : demo.at("/DATA/tracing")) {
            WebElement bar = bar(span.get("deepflow_span_id").asText());
            String icon = switch (span.get("signal_source").asInt()) {
                case 4 -> "A";
                case 3 -> "S";
                default -> "N";
            };
            assertThat(bar.findElement(By.className("icon")).getText()).as("icon of %s", span).isEqualTo(icon);
            assertThat(bar.getText()).contains(durationText(span.get("duration").asLong()));
        }
        assertThat(kinds()).containsOnlyKeys("A", "S", "N");
    }

    @Test
    void paintsNetworkBarsGreyAndEachServiceItsOwnColour() {
        open(traceId);

        Map<String, Set<String>> coloursByService = new HashMap<>();
        for (WebElement bar : driver.findElements(By.cssSelector("#flame .bar"))) {
            int[] rgb = rgb(bar.getCssValue("background-color"));
            boolean grey = rgb[0] == rgb[1] && rgb[1] == rgb[2];
            if ("N".equals(bar.getDomAttribute("data-kind"))) {
                assertThat(grey).as("network bar %s is grey", bar.getDomAttribute("data-span-id")).isTrue();
            } else {
                assertThat(grey).as("bar %s is coloured", bar.getDomAttribute("data-span-id")).isFalse();
                coloursByService.computeIfAbsent(bar.getDomAttribute("data-service"), s -> new HashSet<>())
                        .add(bar.getCssValue("background-color"));
            }
        }
        assertThat(coloursByService).containsKeys("frontend", "orders", "mysql");
        assertThat(coloursByService.values()).allSatisfy(colours -> assertThat(colours).hasSize(1));
        Set<String> distinct = coloursByService.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(distinct).hasSameSizeAs(coloursByService.keySet());
    }

    @Test
    void nestsEveryBarUnderItsParentOnTheTimeAxis() {
        open(traceId);

        int nested = 0;
        for (JsonNode span : demo.at("/DATA/tracing")) {
            String parentId = span.get("deepflow_parent_span_id").asText();
            if (parentId.isEmpty()) {
                continue;
            }
            Rectangle child = bar(span.get("deepflow_span_id").asText()).getRect();
            Rectangle parent = bar(parentId).getRect();
            assertThat(child.getX()).as("%s starts within its parent", span.get("deepflow_span_id"))
                    .isBetween(parent.getX() - 1, parent.getX() + parent.getWidth());
            assertThat(child.getX() + child.getWidth()).as("%s ends within its parent", span.get("deepflow_span_id"))
                    .isLessThanOrEqualTo(parent.getX() + parent.getWidth() + 1);
            assertThat(child.getY()).as("%s is on a row below its parent", span.get("deepflow_span_id"))
                    .isGreaterThan(parent.getY());
            nested++;
        }
        assertThat(nested).isEqualTo(demo.at("/DATA/tracing").size() - 1);

        // x is time: a bar's offset and width are its start and duration over the trace's range
        JsonNode root = demo.at("/DATA/tracing/0");
        Rectangle axis = bar(root.get("deepflow_span_id").asText()).getRect();
        double range = root.get("end_time_us").asDouble() - root.get("start_time_us").asDouble();
        for (JsonNode span : demo.at("/DATA/tracing")) {
            Rectangle r = bar(span.get("deepflow_span_id").asText()).getRect();
            double start = (span.get("start_time_us").asDouble() - root.get("start_time_us").asDouble()) / range;
            assertThat((double) r.getX()).isCloseTo(axis.getX() + start * axis.getWidth(), within(1.5));
        }
    }

    @Test
    void clickSelectsTheSpanHighlightsItsParentAndShowsWhyItIsInTheTrace() throws Exception {
        open(traceId);
        // a system span mounted under another system span by a syscall trace id, with several relations
        JsonNode span = find(demo, s -> s.get("signal_source").asInt() == 3 && s.get("related_ids").size() >= 2
                && s.get("set_parent_info").asText().contains("syscall"));
        String id = span.get("deepflow_span_id").asText();
        String parentId = span.get("deepflow_parent_span_id").asText();

        bar(id).click();

        assertThat(bar(id).getDomAttribute("class")).contains("selected");
        assertThat(bar(parentId).getDomAttribute("class")).contains("parent-of-selected");
        assertThat(driver.findElements(By.cssSelector("#flame .bar.selected"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#flame .bar.parent-of-selected"))).hasSize(1);

        WebElement details = driver.findElement(By.id("span-details"));
        assertThat(details.isDisplayed()).isTrue();
        assertThat(details.findElement(By.cssSelector("tr[data-field='deepflow_span_id'] td")).getText()).isEqualTo(id);
        assertThat(details.findElement(By.cssSelector("tr[data-field='set_parent_info'] td")).getText())
                .isEqualTo(span.get("set_parent_info").asText());

        assertTracingSource(span);

        // the click left the mouse on the bar: move it off so the tooltip does not cover the screenshot
        new Actions(driver).moveToElement(driver.findElement(By.id("top"))).perform();
        saveScreenshot();

        // a related row leads to that span
        WebElement firstRelated = driver.findElement(By.cssSelector("#tracing-source tr[data-role='related']"));
        String relatedId = firstRelated.getDomAttribute("data-span-id");
        firstRelated.click();
        assertThat(bar(relatedId).getDomAttribute("class")).contains("selected");
        assertThat(driver.findElement(By.cssSelector("#span-details tr[data-field='deepflow_span_id'] td")).getText())
                .isEqualTo(relatedId);
    }

    @Test
    void servicesShareTheTimeOfTheTraceWhenComputedFromSelftime() {
        open(traceId);

        Map<String, Double> shares = serviceShares();
        Set<String> services = new HashSet<>();
        for (JsonNode span : demo.at("/DATA/tracing")) {
            if (span.get("signal_source").asInt() != 0) {
                services.add(serviceOf(span));
            }
        }
        assertThat(shares.keySet()).isEqualTo(services);
        assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(100.0, within(0.05));

        // clicking a service highlights its spans, and only those
        driver.findElement(By.cssSelector("#services .service[data-service='orders']")).click();
        List<WebElement> highlighted = driver.findElements(By.cssSelector("#flame .bar.service-highlight"));
        assertThat(highlighted).isNotEmpty().allSatisfy(b -> assertThat(b.getDomAttribute("data-service")).isEqualTo("orders"));
        assertThat(highlighted).hasSize((int) driver.findElements(By.cssSelector("#flame .bar")).stream()
                .filter(b -> "orders".equals(b.getDomAttribute("data-service"))).count());
    }

    @Test
    void servicesComeFromTheAnswerWhenItHasThem() {
        open(L7_TRACE);

        Map<String, Double> shares = serviceShares();
        assertThat(shares).hasSize(l7.at("/DATA/services").size());
        for (JsonNode svc : l7.at("/DATA/services")) {
            assertThat(shares).containsEntry(svc.get("service_uname").asText(), svc.get("duration_ratio").asDouble());
        }
        assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(100.0, within(0.05));
        assertThat(driver.findElements(By.cssSelector("#flame .bar"))).hasSize(l7.at("/DATA/tracing").size());
    }

    @Test
    void anErrorEnvelopeShowsItsStatusAndDescription() {
        openExpecting(FAILING_TRACE, "error");

        WebElement message = driver.findElement(By.id("message"));
        assertThat(message.isDisplayed()).isTrue();
        assertThat(message.getDomAttribute("class")).isEqualTo("error");
        assertThat(message.getText()).isEqualTo("SERVER_ERROR: state store unavailable");
        assertThat(driver.findElement(By.id("trace")).isDisplayed()).isFalse();
    }

    @Test
    void anUnknownTraceSaysItWasNotFound() {
        openExpecting("0000000000000000000000000000dead", "error");

        assertThat(driver.findElement(By.id("message")).getText())
                .isEqualTo("RESOURCE_NOT_FOUND: no trace with trace_id 0000000000000000000000000000dead");
    }

    @Test
    void aTraceWithoutSpansSaysSo() {
        openExpecting(EMPTY_TRACE, "empty");

        assertThat(driver.findElement(By.id("message")).getText()).contains("no spans");
    }

    @Test
    void theFormCompletesAppSpansAndDrawsTheAnswer() {
        driver.get(server.baseUri().resolve("trace/").toString());
        awaitState("idle");
        WebElement textarea = driver.findElement(By.id("app-spans"));
        assertThat(textarea.isDisplayed()).isTrue();

        textarea.sendKeys(requestBody);
        driver.findElement(By.id("complete-button")).click();
        awaitState("ready", "error");

        assertThat(document().getDomAttribute("data-state")).isEqualTo("ready");
        assertThat(driver.findElements(By.cssSelector("#flame .bar"))).hasSize(demo.at("/DATA/tracing").size());
        assertThat(driver.findElement(By.cssSelector("#summary [data-key='source'] dd")).getText())
                .isEqualTo("Trace Completion of 2 app span(s)");

        textarea.clear();
        textarea.sendKeys("{\"app_spans\": []}");
        driver.findElement(By.id("complete-button")).click();
        awaitState("error");
        assertThat(driver.findElement(By.id("message")).getText()).startsWith("INVALID_POST_DATA: ");
    }

    @Test
    void thePageLoadsNothingFromAnotherOrigin() {
        open(traceId);

        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) driver.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".concat(performance.getEntriesByType('navigation').map(e => e.name));");
        String origin = server.baseUri().toString();
        assertThat(urls).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin));
    }

    @Test
    void theTracingSourceOfEverySpanListsItsRelatedSpansAndTheirMountReasons() {
        open(traceId);

        for (JsonNode span : demo.at("/DATA/tracing")) {
            bar(span.get("deepflow_span_id").asText()).click();
            assertTracingSource(span);
        }
    }

    /** The list shows the clicked span, then one row per related_ids entry, each with its relation, _id, mount reason and marked ids. */
    private static void assertTracingSource(JsonNode span) {
        String id = span.get("deepflow_span_id").asText();
        WebElement source = driver.findElement(By.id("tracing-source"));
        assertThat(source.isDisplayed()).isTrue();
        WebElement clicked = source.findElement(By.cssSelector("tr[data-role='clicked']"));
        assertThat(clicked.getDomAttribute("data-span-id")).isEqualTo(id);
        assertThat(clicked.findElement(By.className("mount-reason")).getText()).isEqualTo(mountReason(span));
        List<WebElement> related = source.findElements(By.cssSelector("tr[data-role='related']"));
        assertThat(related).hasSize(span.get("related_ids").size());
        for (int i = 0; i < related.size(); i++) {
            String entry = span.get("related_ids").get(i).asText(); // index-relations-_id
            String[] parts = entry.split("-", 2);
            JsonNode other = demo.at("/DATA/tracing/" + parts[0]);
            WebElement row = related.get(i);
            assertThat(row.getDomAttribute("data-entry")).isEqualTo(entry);
            assertThat(row.getDomAttribute("data-span-id")).isEqualTo(other.get("deepflow_span_id").asText());
            assertThat(row.findElement(By.className("relation")).getText()).isEqualTo(parts[1].substring(0, parts[1].lastIndexOf('-')));
            assertThat(row.findElement(By.className("related-id-cell")).getText()).isEqualTo(entry.substring(entry.lastIndexOf('-') + 1));
            assertThat(row.findElement(By.className("mount-reason")).getText()).isEqualTo(mountReason(other));
            Set<String> marked = row.findElements(By.cssSelector(".id-chip.related-id")).stream()
                    .map(chip -> chip.getDomAttribute("data-field")).collect(Collectors.toSet());
            for (String relation : parts[1].substring(0, parts[1].lastIndexOf('-')).split(",")) {
                assertThat(marked).as("%s: an id of the %s relation is marked", entry, relation)
                        .containsAnyElementsOf(RELATION_IDS.get(relation));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Opens the page of a trace and waits until it has drawn it. */
    private static void open(String id) {
        openExpecting(id, "ready");
    }

    private static void openExpecting(String id, String state) {
        driver.get(server.baseUri().resolve("trace/" + id).toString());
        awaitState("ready", "error", "empty");
        assertThat(document().getDomAttribute("data-state"))
                .as("page state; message: %s", driver.findElement(By.id("message")).getText()).isEqualTo(state);
    }

    private static void awaitState(String... states) {
        Set<String> wanted = Set.of(states);
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> "page state " + document().getDomAttribute("data-state") + " (wanted " + wanted
                        + "), message: " + driver.findElement(By.id("message")).getText())
                .until(d -> wanted.contains(document().getDomAttribute("data-state")));
    }

    private static WebElement document() {
        return driver.findElement(By.tagName("body"));
    }

    private static WebElement bar(String spanId) {
        List<WebElement> found = driver.findElements(By.cssSelector("#flame .bar"));
        List<WebElement> matching = new ArrayList<>();
        for (WebElement bar : found) {
            if (spanId.equals(bar.getDomAttribute("data-span-id"))) {
                matching.add(bar);
            }
        }
        assertThat(matching).as("bars of span %s", spanId).hasSize(1);
        return matching.get(0);
    }

    private static Map<String, Long> kinds() {
        return driver.findElements(By.cssSelector("#flame .bar")).stream()
                .collect(Collectors.groupingBy(b -> b.getDomAttribute("data-kind"), Collectors.counting()));
    }

    private static Map<String, Double> serviceShares() {
        Map<String, Double> shares = new HashMap<>();
        for (WebElement li : driver.findElements(By.cssSelector("#services .service"))) {
            shares.put(li.getDomAttribute("data-service"), Double.parseDouble(li.getDomAttribute("data-ratio")));
            assertThat(li.findElement(By.className("ratio")).getText()).endsWith("%");
        }
        return shares;
    }

    /** set_parent_info; the page shows a dash for a span that was never mounted (a root). */
    private static String mountReason(JsonNode span) {
        JsonNode reason = span.get("set_parent_info");
        return reason == null || reason.isNull() || reason.asText().isEmpty() ? "—" : reason.asText();
    }

    /** The page's rule: service_uname, app_service, auto_service, else "unknown service". */
    private static String serviceOf(JsonNode span) {
        for (String field : List.of("service_uname", "app_service", "auto_service")) {
            JsonNode v = span.get(field);
            if (v != null && !v.isNull() && !v.asText().isEmpty()) {
                return v.asText();
            }
        }
        return "unknown service";
    }

    private static JsonNode find(JsonNode envelope, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode span : envelope.at("/DATA/tracing")) {
            if (test.test(span)) {
                return span;
            }
        }
        throw new AssertionError("the demo trace has no such span");
    }

    private static String durationText(long us) {
        if (us >= 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.2fs", us / 1e6);
        }
        return us >= 1000 ? String.format(java.util.Locale.ROOT, "%.2fms", us / 1e3) : us + "µs";
    }

    private static int[] rgb(String cssColour) {
        String[] parts = cssColour.replaceAll("[^0-9,.]", "").split(",");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    private static void saveScreenshot() throws Exception {
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
