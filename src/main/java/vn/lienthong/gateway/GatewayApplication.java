package vn.lienthong.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point of the Liên thông Gateway (cổng liên thông) Spring Boot application. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GatewayApplication {

    public static void main(String[] args) {
        // Camel reads this flag once, at class-load time; it only takes effect on JDK 21+.
        if (Runtime.version().feature() >= 21) {
            System.setProperty("camel.threads.virtual.enabled", "true");
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
