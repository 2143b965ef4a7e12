package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AppVersionTest {
    @Test
    void fromClassesTheVersionIsThePomsProjectVersion() throws Exception {
        // tests run from target/classes: no manifest, so the Maven-filtered resource answers
        assertThat(AppVersion.class.getPackage().getImplementationVersion()).isNull();
        Matcher m = Pattern.compile("<artifactId>bigr-discovery</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        assertThat(AppVersion.current()).isEqualTo(m.group(1)).doesNotContain("${");
    }

    @Test
    void theLogbackAccessWorkaroundMatchesWhatLogbackAccessDeclares() throws Exception {
        Properties ours = new Properties();
        Properties theirs = new Properties();
        try (InputStream a = getClass().getResourceAsStream("/logback-access-common-dependencies.properties");
             InputStream b = getClass().getResourceAsStream("/logback-access-common-dependees.properties")) {
            ours.load(a);
            theirs.load(b);
        }
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours.getProperty("logback-core")).isEqualTo(ch.qos.logback.core.util.CoreVersionUtil
                .getCoreVersionBySelfDeclaredProperties());
    }
}
