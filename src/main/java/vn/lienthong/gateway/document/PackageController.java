package vn.lienthong.gateway.document;

import java.util.List;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;

/**
 * {@code GET /api/v1/packages/{ref}}: a large received package, streamed from the claim check to the document
 * office that got its link ({@code edxmlLink.href} in the office message), with the office's own key. The bytes
 * are the package exactly as the axis delivered it (its signatures intact); HTTP ranges let a broken download
 * resume.
 */
@NationalAxisFeature
@RestController
public class PackageController {

    /** Where the packages are served; the office message's link is this plus the reference. */
    public static final String PATH = "/api/v1/packages/";

    private final PackageStore store;

    public PackageController(PackageStore store) {
        this.store = store;
    }

    @GetMapping(PATH + "{ref}")
    public ResponseEntity<Resource> get(@PathVariable String ref) {
        if (!PackageStore.isRef(ref)) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "A package reference is 64 lowercase hexadecimal"
                    + " characters, as in edxmlLink.href of the office message",
                    List.of(new FieldError("/ref", "must be 64 lowercase hexadecimal characters")));
        }
        PackageStore.Stored stored = store.get(ref);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_XML)
                .contentLength(stored.size())
                .cacheControl(CacheControl.noStore())
                .header("Content-Disposition", "attachment; filename=\"" + ref + ".edxml\"")
                .body(new FileSystemResource(stored.file()));
    }
}
