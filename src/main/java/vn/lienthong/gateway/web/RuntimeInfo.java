package vn.lienthong.gateway.web;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/info} → {@code runtime}: the JDK and whether the gateway runs on virtual threads
 * (JDK 21+): {@code requestThreadVirtual} is measured on the thread answering the request itself.
 */
@Component
public class RuntimeInfo implements InfoContributor {

    private final Environment environment;

    public RuntimeInfo(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("java", Runtime.version().toString());
        runtime.put("virtualThreads", Threading.VIRTUAL.isActive(environment));
        runtime.put("camelVirtualThreads", Boolean.getBoolean("camel.threads.virtual.enabled"));
        runtime.put("requestThreadVirtual", isVirtual(Thread.currentThread()));
        builder.withDetail("runtime", runtime);
    }

    /** {@code Thread.isVirtual()} exists from JDK 21; the gateway is compiled for 17. */
    static boolean isVirtual(Thread thread) {
        try {
            Method isVirtual = Thread.class.getMethod("isVirtual");
            return (Boolean) isVirtual.invoke(thread);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
