package dev.wren.deploy.internal;

/**
 * The agent's one job, as written to disk at every change of phase so a restart finds it: a
 * download (and its install) or an uninstall.
 *
 * @param id      the job id
 * @param request the id of the request that started it (or moved it on: install)
 * @param url     where the package comes from; null for an uninstall
 * @param sha256  the package's expected SHA-256; null for an uninstall
 * @param install whether the download is installed once complete
 * @param phase   where it is
 * @param name    the deployment package's symbolic name, once known (from its manifest, or the uninstall's)
 * @param version the deployment package's version, once known
 * @param reason  why it failed or was cancelled; null otherwise
 */
record Job(String id, String request, String url, String sha256, boolean install, Phase phase, String name,
        String version, String reason) {

    enum Phase {
        DOWNLOADING, DOWNLOADED, INSTALLING, UNINSTALLING, COMPLETED, FAILED, CANCELLED;

        /** @return whether nothing more happens in this phase without a request */
        boolean settled() {
            return this == DOWNLOADED || this == COMPLETED || this == FAILED || this == CANCELLED;
        }

        /** @return whether the job is over */
        boolean over() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }

    static Job download(String id, String request, String url, String sha256, boolean install) {
        return new Job(id, request, url, sha256, install, Phase.DOWNLOADING, null, null, null);
    }

    static Job uninstall(String id, String request, String name) {
        return new Job(id, request, null, null, false, Phase.UNINSTALLING, name, null, null);
    }

    Job phase(Phase p) {
        return new Job(id, request, url, sha256, install, p, name, version, null);
    }

    Job request(String r) {
        return new Job(id, r, url, sha256, install, phase, name, version, reason);
    }

    Job named(String n, String v) {
        return new Job(id, request, url, sha256, install, phase, n, v, reason);
    }

    Job ended(Phase p, String why) {
        return new Job(id, request, url, sha256, install, p, name, version, why);
    }
}
