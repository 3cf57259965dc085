package dev.chatroute.sample.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven over the DevTools protocol: one fresh profile, one page, and
 * the few commands the browser tests need. {@link #close()} kills the browser and deletes the
 * profile.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path OUTPUT = Path.of("target/browser");
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration COMMAND = Duration.ofSeconds(10);

    private final Process process;
    private final Path profile;
    private final CdpConnection page;
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    private Chromium(Process process, Path profile, CdpConnection page) {
        this.process = process;
        this.profile = profile;
        this.page = page;
    }

    /** Starts the browser; fails (never skips) when Chromium is not installed. */
    static Chromium launch() {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError("The browser tests need Chromium at " + BINARY + ", which is missing. Install "
                    + "Debian's `chromium` package (apt-get install chromium); CI's .ci/run installs it.");
        }
        Path profile = null;
        Process process = null;
        boolean started = false;
        try {
            Files.createDirectories(OUTPUT);
            profile = Files.createTempDirectory("chatroute-chromium-");
            Path log = OUTPUT.resolve("chromium.log");
            process = new ProcessBuilder(BINARY.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0",
                    "--user-data-dir=" + profile, "about:blank")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            int port = devToolsPort(process, profile, log);
            CdpConnection page = CdpConnection.open(pageSocket(port), COMMAND);
            Chromium chromium = new Chromium(process, profile, page);
            chromium.attach();
            started = true;
            return chromium;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Chromium", e);
        } finally {
            if (!started) {
                kill(process);
                delete(profile);
            }
        }
    }

    /** Chromium writes its port (line 1) to DevToolsActivePort in the profile once it listens. */
    private static int devToolsPort(Process process, Path profile, Path log) throws IOException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= 2 && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("Chromium exited with status " + process.exitValue()
                        + " before it listened; see " + log.toAbsolutePath());
            }
            pause(20);
        }
        throw new AssertionError("Chromium did not open its DevTools port within " + START.toSeconds()
                + "s; see " + log.toAbsolutePath());
    }

    /** The WebSocket of the browser's first tab, from the /json/list endpoint. */
    private static URI pageSocket(int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(COMMAND).build();
        HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(COMMAND).build();
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            try {
                JsonNode targets = CdpConnection.JSON.readTree(http.send(list, HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode target : targets) {
                    if (target.path("type").asText().equals("page") && target.has("webSocketDebuggerUrl")) {
                        return URI.create(target.get("webSocketDebuggerUrl").asText());
                    }
                }
            } catch (IOException e) {
                // not ready yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while finding Chromium's page", e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Chromium listed no page at http://127.0.0.1:" + port + "/json/list");
            }
            pause(50);
        }
    }

    private void attach() {
        page.subscribe("Runtime.exceptionThrown", params -> {
            JsonNode details = params.path("exceptionDetails");
            pageErrors.add(details.path("exception").path("description").asText(details.path("text").asText()));
        });
        page.send("Page.enable", Map.of(), COMMAND);
        page.send("Runtime.enable", Map.of(), COMMAND);
        viewport(1280, 800, false);
        colorScheme("light");
    }

    /** Loads {@code url} and waits until the document and its scripts have loaded. */
    void navigate(URI url) {
        JsonNode result = page.send("Page.navigate", Map.of("url", url.toString()), COMMAND);
        if (result.hasNonNull("errorText")) {
            throw new AssertionError("Chromium could not load " + url + ": " + result.get("errorText").asText());
        }
        String loaded = "location.href === " + quote(url.toString()) + " && document.readyState === 'complete'";
        long deadline = System.nanoTime() + COMMAND.toNanos();
        while (true) {
            try {
                if (evaluate(loaded).asBoolean()) {
                    return;
                }
            } catch (IllegalStateException e) {
                // the old document's context went away mid-call; ask the new one
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(url + " did not finish loading within " + COMMAND.toSeconds() + "s");
            }
            pause(10);
        }
    }

    /** Runs {@code script} at the start of every document loaded from now on, before the page's own scripts. */
    void onEveryDocument(String script) {
        page.send("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script), COMMAND);
    }

    /** Runs an expression in the page, awaiting a promise, and returns its value as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = page.send("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true, "userGesture", true), COMMAND);
        if (result.has("exceptionDetails")) {
            JsonNode details = result.get("exceptionDetails");
            throw new AssertionError("the page threw " + details.path("exception").path("description")
                    .asText(details.path("text").asText()) + "\n while evaluating: " + expression);
        }
        return result.path("result").path("value");
    }

    /** Types text into the focused element, as an input method would. */
    void insertText(String text) {
        page.send("Input.insertText", Map.of("text", text), COMMAND);
    }

    /** Presses and releases Enter; {@code shift} holds Shift down meanwhile. */
    void pressEnter(boolean shift) {
        for (String type : List.of("keyDown", "keyUp")) {
            page.send("Input.dispatchKeyEvent", Map.of("type", type, "key", "Enter", "code", "Enter",
                    "windowsVirtualKeyCode", 13, "nativeVirtualKeyCode", 13, "modifiers", shift ? 8 : 0,
                    "text", type.equals("keyDown") ? "\r" : ""), COMMAND);
        }
    }

    /** Sizes the viewport, like a desktop window or (mobile) a phone. */
    void viewport(int width, int height, boolean mobile) {
        page.send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", mobile), COMMAND);
    }

    /** Emulates the person's colour-scheme preference: "light" or "dark". */
    void colorScheme(String scheme) {
        page.send("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme))), COMMAND);
    }

    /** Saves a PNG of the viewport as target/browser/{name}.png and returns its path. */
    Path screenshot(String name) {
        String png = page.send("Page.captureScreenshot", Map.of("format", "png"), COMMAND).path("data").asText();
        Path file = OUTPUT.resolve(name + ".png");
        try {
            Files.write(file, Base64.getDecoder().decode(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Uncaught script errors since the last call, which then forgets them. */
    List<String> takePageErrors() {
        List<String> errors = new ArrayList<>(pageErrors);
        pageErrors.removeAll(errors);
        return errors;
    }

    static String quote(String text) {
        try {
            return CdpConnection.JSON.writeValueAsString(text); // a JSON string is a JavaScript string literal
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            page.close();
        } finally {
            kill(process);
            delete(profile);
        }
    }

    private static void kill(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                all.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            all.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes the profile; a helper process still writing into it gets a few tries. */
    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // retried below
            }
            if (Files.exists(dir)) {
                pause(100);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
