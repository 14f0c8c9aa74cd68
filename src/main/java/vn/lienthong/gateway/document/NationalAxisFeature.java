package vn.lienthong.gateway.document;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks the beans of the national document axis feature: present unless {@code gateway.axis.enabled=false},
 * so a province that only routes dossiers needs no axis identity, keys or document office.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "gateway.axis.enabled", havingValue = "true", matchIfMissing = true)
public @interface NationalAxisFeature {
}
