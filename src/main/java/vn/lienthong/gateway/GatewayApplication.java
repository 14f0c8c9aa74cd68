package vn.lienthong.gateway;

import java.io.PrintStream;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.scheduling.annotation.EnableScheduling;

import vn.lienthong.gateway.catalog.ConfigCheck;
import vn.lienthong.gateway.delivery.SelfCertification;

/** Entry point of the Liên thông Gateway (cổng liên thông) Spring Boot application. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GatewayApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--check-config")) {
            // Only reads files: no web server, no broker, no database.
            System.exit(checkConfig(Path.of(args.length > 1 ? args[1] : "config"), System.out));
        }
        if (args.length > 1 && args[0].equals("--certify")) {
            // Runs the system's self-certification cases through its mapping: no server either.
            System.exit(certify(args[1], Path.of(args.length > 2 ? args[2] : "config"), System.out));
        }
        // Camel reads this flag once, at class-load time; it only takes effect on JDK 21+.
        if (Runtime.version().feature() >= 21) {
            System.setProperty("camel.threads.virtual.enabled", "true");
        }
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * {@code --check-config [folder]}: checks the folder the way start-up does, with placeholders resolved from the
     * environment and {@code application.yml} (and its active profiles), and returns the exit status.
     */
    static int checkConfig(Path folder, PrintStream out) {
        StandardEnvironment environment = new StandardEnvironment();
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return ConfigCheck.main(folder, environment::resolveRequiredPlaceholders, out);
    }

    /** {@code --certify <system> [folder]}: the system's cases, placeholders resolved as for the config check. */
    static int certify(String systemId, Path folder, PrintStream out) {
        StandardEnvironment environment = new StandardEnvironment();
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return SelfCertification.main(folder, systemId, environment::resolveRequiredPlaceholders, out);
    }
}
