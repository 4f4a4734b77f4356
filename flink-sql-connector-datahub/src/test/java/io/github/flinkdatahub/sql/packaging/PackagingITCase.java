package io.github.flinkdatahub.sql.packaging;

import io.github.flinkdatahub.emulator.DataHubEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks the shaded SQL jar as a Flink cluster sees it: the jar alone in a class loader whose
 * parent holds only Flink (and slf4j-api), never the test class path's copies of the connector, the
 * client, Jackson or protobuf, which would hide a class the jar misses or a relocation that broke.
 * Flink's runtime ships lz4-java itself (org.lz4 1.8.0 on Flink 1.20, at.yawk.lz4 on 2.x), so the
 * parent keeps an lz4 as a real cluster does; the jar must use its relocated copy regardless, which
 * the recording loader proves: the jar's classes never ask for a class of a bundled library by its
 * original name. Runs after {@code package}; Maven passes the jar, the list of bundled artifacts
 * and the connector's factory service file as system properties.
 */
class PackagingITCase {
    private static final String SHADED = "io/github/flinkdatahub/shaded/";
    private static final List<String> RELOCATED =
            List.of("com/fasterxml/jackson/", "com/google/protobuf/", "net/jpountz/");

    /** Jars Flink's own runtime brings too: kept in the parent loader whatever version they are. */
    private static final String FLINK_SHIPS_TOO = "lz4-java-";

    /** The bundled libraries' original packages, which only a relocation that broke would name. */
    private static final Pattern ORIGINAL_PACKAGE =
            Pattern.compile(
                    "(com\\.fasterxml\\.jackson|com\\.google\\.protobuf|net\\.jpountz)\\..+");

    private static final String FACTORY_SERVICE =
            "META-INF/services/org.apache.flink.table.factories.Factory";
    private static final Pattern ALLOWED_ENTRY =
            Pattern.compile(
                    "io/github/flinkdatahub/(connector|client)/.+"
                            + "|"
                            + SHADED
                            + "("
                            + String.join("|", RELOCATED)
                            + ").+"
                            + "|META-INF/(MANIFEST\\.MF|NOTICE|LICENSE)"
                            + "|META-INF/licenses/[^/]+"
                            + "|META-INF/services/(org\\.apache\\.flink\\.|io\\.github\\.flinkdatahub\\.)[^/]+");

    /** One line of {@code mvn dependency:list}: group:artifact:jar:version:scope. */
    private static final Pattern LISTED_ARTIFACT =
            Pattern.compile(
                    "^\\s*([\\w.\\-]+):([\\w.\\-]+):jar:([\\w.\\-]+):(compile|runtime)\\b.*$");

    private static Path jarPath;
    private static JarFile jar;
    private static List<String> bundled;
    private static URLClassLoader flinkOnly;
    private static RecordingLoader shaded;
    private static DataHubEmulator emulator;

    @BeforeAll
    static void openJar() throws IOException {
        jarPath = Path.of(requiredProperty("sqlJar"));
        assertThat(jarPath).as("the shaded jar (built in the package phase)").isRegularFile();
        jar = new JarFile(jarPath.toFile());
        bundled =
                Files.readAllLines(Path.of(requiredProperty("bundledArtifacts"))).stream()
                        .map(LISTED_ARTIFACT::matcher)
                        .filter(Matcher::matches)
                        .map(m -> m.group(1) + ":" + m.group(2) + ":" + m.group(3))
                        .collect(Collectors.toList());
        flinkOnly =
                new URLClassLoader(
                        "flink-only", flinkClassPath(), ClassLoader.getPlatformClassLoader());
        shaded = new RecordingLoader(jarPath.toUri().toURL(), flinkOnly);
        emulator = DataHubEmulator.builder().inMemory().build().start();
    }

    @AfterAll
    static void close() throws IOException {
        if (emulator != null) {
            emulator.close();
        }
        if (shaded != null) {
            shaded.close();
        }
        if (flinkOnly != null) {
            flinkOnly.close();
        }
        if (jar != null) {
            jar.close();
        }
    }

    @Test
    void theIsolatedParentLoaderHasFlinkWithItsLz4ButNoneOfTheOtherBundledClasses()
            throws ClassNotFoundException {
        assertThat(flinkOnly.loadClass("org.apache.flink.table.factories.Factory")).isNotNull();
        assertThat(
                        flinkOnly.loadClass(
                                "org.apache.flink.connector.base.source.reader.SourceReaderBase"))
                .isNotNull();
        // Present on purpose: the jar must work next to the unrelocated lz4 Flink brings.
        assertThat(flinkOnly.loadClass("net.jpountz.lz4.LZ4Factory")).isNotNull();
        for (String name :
                List.of(
                        "io.github.flinkdatahub.client.DataHubClient",
                        "io.github.flinkdatahub.connector.common.DataHubConnection",
                        "io.github.flinkdatahub.emulator.DataHubEmulator",
                        "com.fasterxml.jackson.databind.ObjectMapper",
                        "com.google.protobuf.Message")) {
            assertThatThrownBy(() -> Class.forName(name, false, flinkOnly))
                    .as("%s must not be visible to the jar's parent loader", name)
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void everyEntryIsOurCodeTheRelocatedLibrariesOrAnAllowedMetaInfFile() {
        List<String> stray =
                files().stream()
                        .filter(n -> !ALLOWED_ENTRY.matcher(n).matches())
                        .collect(Collectors.toList());
        assertThat(stray)
                .as(
                        "entries outside io/github/flinkdatahub/{connector,client,shaded/...} and META-INF's"
                                + " MANIFEST.MF, NOTICE, LICENSE, licenses/, services/")
                .isEmpty();
        Set<String> relocatedRoots =
                files().stream()
                        .filter(n -> n.startsWith(SHADED))
                        .map(
                                n ->
                                        RELOCATED.stream()
                                                .filter(r -> n.startsWith(SHADED + r))
                                                .findFirst()
                                                .orElse(n))
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(relocatedRoots).containsExactlyInAnyOrderElementsOf(RELOCATED);
        assertThat(files())
                .contains(
                        "io/github/flinkdatahub/connector/common/DataHubConnection.class",
                        "io/github/flinkdatahub/client/DataHubClient.class",
                        "io/github/flinkdatahub/client/protocol/protobuf/generated/DataHubProtos.class");
    }

    @Test
    void theJarCarriesNoFlinkNoLoggingImplementationNoJsr305AndNoNativeLibraries() {
        for (String forbidden :
                List.of(
                        "org/apache/flink/",
                        "org/slf4j/",
                        "org/apache/logging/",
                        "org/apache/log4j/",
                        "ch/qos/logback/",
                        "javax/annotation/",
                        "edu/umd/cs/findbugs/")) {
            assertThat(files())
                    .as("nothing under %s", forbidden)
                    .noneMatch(n -> n.contains(forbidden));
        }
        assertThat(files())
                .as("native libraries")
                .noneMatch(
                        n ->
                                n.endsWith(".so")
                                        || n.endsWith(".dylib")
                                        || n.endsWith(".dll")
                                        || n.endsWith(".jnilib"));
    }

    @Test
    void noClassStillNamesABundledLibraryByItsOriginalPackage() throws IOException {
        // Class references and descriptors use the internal form; Class.forName and service lookups
        // use a constant that is exactly a dotted class name. Messages and protobuf descriptor
        // bytes that merely mention a package are neither.
        Pattern internalName =
                Pattern.compile(
                        "(?<!shaded/)\\b(com/fasterxml/jackson|com/google/protobuf|net/jpountz)/");
        Pattern dottedName =
                Pattern.compile(
                        "(com\\.fasterxml\\.jackson|com\\.google\\.protobuf|net\\.jpountz)(\\.[\\w$]+)+");
        List<String> offenders = new ArrayList<>();
        for (JarEntry e : Collections.list(jar.entries())) {
            if (e.getName().endsWith(".class")) {
                for (String constant : utf8Constants(read(e))) {
                    if (internalName.matcher(constant).find()
                            || dottedName.matcher(constant).matches()) {
                        offenders.add(e.getName() + " -> " + constant);
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void noticeListsEveryBundledArtifactWithItsVersionAndLicence() throws IOException {
        assertThat(bundled)
                .as("bundled artifacts per dependency:list")
                .contains(
                        "io.github.flinkdatahub:flink-connector-datahub:" + projectVersion(),
                        "io.github.flinkdatahub:datahub-client-embedded:" + projectVersion())
                .noneMatch(
                        a ->
                                a.startsWith("org.apache.flink:")
                                        || a.startsWith("org.slf4j:")
                                        || a.startsWith("org.apache.logging.log4j:")
                                        || a.startsWith("com.google.code.findbugs:"));
        String notice = text("META-INF/NOTICE");
        assertThat(notice).doesNotContain("${");
        Map<String, String> listed = new LinkedHashMap<>();
        Matcher m =
                Pattern.compile("(?m)^- ([\\w.\\-]+:[\\w.\\-]+:[\\w.\\-]+) \\((.+)\\)$")
                        .matcher(notice);
        while (m.find()) {
            listed.put(m.group(1), m.group(2));
        }
        assertThat(listed.keySet())
                .as("artifacts listed in META-INF/NOTICE as '- group:artifact:version (licence)'")
                .containsExactlyInAnyOrderElementsOf(bundled);
        assertThat(listed.values()).allMatch(l -> l.contains("License"));
        assertThat(files()).contains("META-INF/LICENSE", "META-INF/licenses/LICENSE.protobuf");
    }

    @Test
    void factoryServiceFileListsTheConnectorsFactoriesAndEachLoadsFromTheJar() throws Exception {
        // The connector's own service file decides which factories must be there.
        Path source = Path.of(requiredProperty("connectorFactoryServices"));
        List<String> expected =
                Files.exists(source) ? serviceLines(Files.readString(source)) : List.of();
        if (Files.exists(source)) {
            assertThat(expected).as("factories listed in %s", source).isNotEmpty();
        }
        List<String> inJar =
                jar.getEntry(FACTORY_SERVICE) == null
                        ? List.of()
                        : serviceLines(text(FACTORY_SERVICE));
        assertThat(inJar).containsExactlyInAnyOrderElementsOf(expected);

        Class<?> factoryApi = flinkOnly.loadClass("org.apache.flink.table.factories.Factory");
        for (String name : expected) {
            Class<?> factory = Class.forName(name, true, shaded);
            assertThat(factory.getClassLoader()).as(name).isSameAs(shaded);
            assertThat(factoryApi.isAssignableFrom(factory))
                    .as("%s implements Flink's Factory", name)
                    .isTrue();
            Object instance = factory.getConstructor().newInstance();
            assertThat(factoryApi.getMethod("factoryIdentifier").invoke(instance))
                    .as(name)
                    .isEqualTo("datahub");
        }
    }

    @Test
    void everyServiceFileInTheJarNamesProvidersTheJarItselfLoads() throws Exception {
        List<String> services =
                files().stream()
                        .filter(n -> n.startsWith("META-INF/services/"))
                        .collect(Collectors.toList());
        assertThat(services)
                .as("Jackson's relocated service files at least")
                .contains(
                        "META-INF/services/io.github.flinkdatahub.shaded.com.fasterxml.jackson.core.JsonFactory");
        for (String service : services) {
            Class<?> api =
                    Class.forName(service.substring("META-INF/services/".length()), false, shaded);
            List<String> providers = serviceLines(text(service));
            assertThat(providers).as(service).isNotEmpty();
            for (String provider : providers) {
                Class<?> c = Class.forName(provider, false, shaded);
                assertThat(c.getClassLoader()).as(provider).isSameAs(shaded);
                assertThat(api.isAssignableFrom(c))
                        .as("%s implements %s", provider, api.getName())
                        .isTrue();
            }
        }
    }

    @Test
    void relocatedClientPutsAndGetsRecordsInJsonProtobufAndBatchModeWithLz4() throws Exception {
        try (ProbeLoader probeLoader = new ProbeLoader(ShadedClientProbe.class, shaded)) {
            Class<?> probeClass = probeLoader.loadClass(ShadedClientProbe.class.getName());
            assertThat(probeClass.getClassLoader()).isSameAs(probeLoader);
            assertThat(
                            probeLoader
                                    .loadClass("io.github.flinkdatahub.client.DataHubClient")
                                    .getClassLoader())
                    .isSameAs(shaded);

            @SuppressWarnings("unchecked")
            Function<String, List<String>> probe =
                    (Function<String, List<String>>) probeClass.getConstructor().newInstance();
            List<String> lines = probe.apply(emulator.endpoint());

            List<String> expected =
                    new ArrayList<>(
                            List.of("schema json round trip true", "flink type DECIMAL(38, 18)"));
            for (String mode : List.of("JSON", "PROTOBUF", "BATCH")) {
                expected.add(mode + " tuple [1, alpha, 1.5, true, 1700000000000000, 12.34] {k=v}");
                expected.add(mode + " tuple [2, null, -0.25, false, 0, null] {}");
                expected.add(mode + " blob 65536 bytes intact");
            }
            assertThat(lines).containsExactlyElementsOf(expected);
        }
        // The relocated libraries did the work: JSON bodies, protobuf records and LZ4 blocks.
        assertThat(shaded.loaded())
                .anyMatch(
                        n ->
                                n.startsWith(
                                        "io.github.flinkdatahub.shaded.com.fasterxml.jackson.databind."))
                .anyMatch(n -> n.startsWith("io.github.flinkdatahub.shaded.com.google.protobuf."))
                .anyMatch(n -> n.startsWith("io.github.flinkdatahub.shaded.net.jpountz.lz4."));
        // Every class the jar's classes link to is asked of their loader, so this holds whatever
        // the parent could have answered (it has Flink's lz4).
        assertThat(shaded.requestedByOriginalName())
                .as("classes of bundled libraries asked for by their original names")
                .isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The test class path minus every copy of what the jar bundles: our modules (as directories or
     * jars) and the third-party artifacts on the bundled list, except lz4-java, which Flink ships
     * itself (on 2.x it is the very jar we bundle, its version pinned by our dependencyManagement).
     */
    private static URL[] flinkClassPath() {
        Set<String> bundledJarNames =
                bundled.stream()
                        .map(
                                a -> {
                                    String[] gav = a.split(":");
                                    return gav[1] + "-" + gav[2] + ".jar";
                                })
                        .collect(Collectors.toSet());
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            String name = f.getName();
            boolean ours =
                    name.startsWith("datahub-")
                            || name.startsWith("flink-connector-datahub")
                            || name.startsWith("flink-sql-connector-datahub")
                            || name.startsWith("original-");
            boolean bundledOnly =
                    bundledJarNames.contains(name) && !name.startsWith(FLINK_SHIPS_TOO);
            if (f.isFile() && name.endsWith(".jar") && !ours && !bundledOnly) {
                try {
                    urls.add(f.toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return urls.toArray(new URL[0]);
    }

    private static List<String> files() {
        return Collections.list(jar.entries()).stream()
                .filter(e -> !e.isDirectory())
                .map(JarEntry::getName)
                .collect(Collectors.toList());
    }

    private static List<String> serviceLines(String content) {
        return content.lines()
                .map(l -> l.replaceAll("#.*", "").trim())
                .filter(l -> !l.isEmpty())
                .collect(Collectors.toList());
    }

    private static String text(String entry) throws IOException {
        JarEntry e = jar.getJarEntry(entry);
        assertThat(e).as(entry).isNotNull();
        return new String(read(e), StandardCharsets.UTF_8);
    }

    private static byte[] read(JarEntry e) throws IOException {
        try (InputStream in = jar.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    /** The CONSTANT_Utf8 entries of a class file's constant pool (JVMS 4.4). */
    private static List<String> utf8Constants(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> out = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> out.add(in.readUTF());
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // longs and doubles take two slots
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                default -> throw new IllegalStateException("unknown constant pool tag " + tag);
            }
        }
        return out;
    }

    private static String projectVersion() {
        return requiredProperty("projectVersion");
    }

    private static String requiredProperty(String key) {
        String value = System.getProperty(key);
        assertThat(value)
                .as("system property %s (set by the failsafe configuration in the pom)", key)
                .isNotBlank();
        return value;
    }

    /**
     * Loads the jar's classes and remembers which ones, to show what a code path used, and every
     * request for a bundled library's class by its original name.
     */
    private static final class RecordingLoader extends URLClassLoader {
        private final Set<String> loaded = ConcurrentHashMap.newKeySet();
        private final Set<String> requestedByOriginalName = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL jar, ClassLoader parent) {
            super("shaded-sql-jar", new URL[] {jar}, parent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> c = super.findClass(name);
            loaded.add(name);
            return c;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (ORIGINAL_PACKAGE.matcher(name).matches()) {
                requestedByOriginalName.add(name);
            }
            return super.loadClass(name, resolve);
        }

        Set<String> loaded() {
            return loaded;
        }

        Set<String> requestedByOriginalName() {
            return requestedByOriginalName;
        }
    }

    /**
     * Defines one test class (the probe) itself and leaves everything else to the shaded jar's
     * loader, so the probe links against the jar's classes and not the test class path's.
     */
    private static final class ProbeLoader extends URLClassLoader {
        private final String probe;

        ProbeLoader(Class<?> probe, ClassLoader parent) {
            super("probe", new URL[0], parent);
            this.probe = probe.getName();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(probe) && !name.startsWith(probe + "$")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    String resource = name.replace('.', '/') + ".class";
                    try (InputStream in =
                            PackagingITCase.class.getClassLoader().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
