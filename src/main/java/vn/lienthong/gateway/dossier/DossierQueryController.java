package vn.lienthong.gateway.dossier;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/dossiers/{dossierCode}}: where a dossier stands, step by step, with its timeline. */
@RestController
public class DossierQueryController {

    private final DossierViews views;

    public DossierQueryController(DossierViews views) {
        this.views = views;
    }

    @GetMapping("/api/v1/dossiers/{dossierCode}")
    public Map<String, Object> dossier(@PathVariable String dossierCode) {
        return views.view(dossierCode);
    }
}
