package dev.wren.deploy.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The answer to {@code list}: the deployment packages with their bundles, and every bundle of the framework. */
final class Inventory {

    private Inventory() {
    }

    static JsonObject of(DeploymentAdmin admin, BundleContext context) {
        JsonArray packages = new JsonArray();
        for (DeploymentPackage dp : admin.listDeploymentPackages()) {
            JsonObject p = new JsonObject();
            p.addProperty("name", dp.getName());
            p.addProperty("version", dp.getVersion().toString());
            JsonArray bundles = new JsonArray();
            for (BundleInfo b : dp.getBundleInfos()) {
                JsonObject o = new JsonObject();
                o.addProperty("name", b.getSymbolicName());
                o.addProperty("version", b.getVersion().toString());
                bundles.add(o);
            }
            p.add("bundles", bundles);
            packages.add(p);
        }
        JsonArray bundles = new JsonArray();
        for (Bundle b : context.getBundles()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", b.getBundleId());
            o.addProperty("name", b.getSymbolicName());
            o.addProperty("version", b.getVersion().toString());
            o.addProperty("state", state(b.getState()));
            bundles.add(o);
        }
        JsonObject answer = new JsonObject();
        answer.add("packages", packages);
        answer.add("bundles", bundles);
        return answer;
    }

    private static String state(int s) {
        return switch (s) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
