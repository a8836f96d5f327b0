package dev.mixpaykit.mock.proxy;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.file.Path;
import java.util.List;

/**
 * The drift report over HTTP, beside the mock's other admin routes:
 *
 * <pre>
 * GET    /__admin/mixpay/drift         the report as JSON
 * GET    /__admin/mixpay/drift/junit   the report as JUnit XML
 * POST   /__admin/mixpay/drift/write   write --drift-report and --drift-junit now
 * DELETE /__admin/mixpay/drift         forget the findings so far
 * </pre>
 */
final class DriftAdminApi implements AdminApiExtension {

  private final DriftProxy proxy;

  DriftAdminApi(DriftProxy proxy) {
    this.proxy = proxy;
  }

  @Override
  public String getName() {
    return "mixpay-drift-admin-api";
  }

  @Override
  public void contributeAdminApiRoutes(Router router) {
    router.add(RequestMethod.GET, "/mixpay/drift", (admin, event, params) ->
        answer(200, "application/json", proxy.report().toJson()));
    router.add(RequestMethod.GET, "/mixpay/drift/junit", (admin, event, params) ->
        answer(200, "application/xml", proxy.report().toJUnitXml()));
    router.add(RequestMethod.POST, "/mixpay/drift/write", (admin, event, params) -> {
      List<Path> written = proxy.writeReports();
      var body = DriftReport.JSON.createObjectNode();
      var files = body.putArray("written");
      written.forEach(p -> files.add(p.toString()));
      return answer(written.isEmpty() ? 409 : 200, "application/json", body.toString());
    });
    router.add(RequestMethod.DELETE, "/mixpay/drift", (admin, event, params) -> {
      proxy.clear();
      return answer(200, "application/json", "{\"cleared\":true}");
    });
  }

  private static ResponseDefinition answer(int status, String type, String body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", type).withBody(body).build();
  }
}
