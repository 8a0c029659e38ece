package io.facteur.channel.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the core's generated {@code /api/openapi.json} says of this bundle's resource. */
class OpenApiTest {
    @Test
    void everyWebhookOperationIsDescribedForPublishers() {
        OpenAPI api =
                new Reader(new SwaggerConfiguration().openAPI(new OpenAPI()))
                        .read(Set.of(WebhooksResource.class));
        PathItem hooks = api.getPaths().get("/dossiers/{dossier}/webhooks");
        PathItem one = api.getPaths().get("/dossiers/{dossier}/webhooks/{id}");
        PathItem events = api.getPaths().get("/dossiers/{dossier}/webhooks/{id}/events");
        assertThat(hooks.getPost().getDescription()).contains("Facteur-Signature", "HMAC-SHA256");
        assertThat(hooks.getPost().getSummary()).contains("secret");
        assertThat(hooks.getGet().getSummary()).isNotBlank();
        assertThat(one.getGet().getSummary()).isNotBlank();
        assertThat(one.getDelete().getSummary()).isNotBlank();
        assertThat(events.getGet().getParameters())
                .anySatisfy(p -> assertThat(p.getName()).isEqualTo("state"));
        assertThat(hooks.getPost().getTags()).containsExactly("Webhooks");
    }
}
