package dev.wren.inference.internal;

/**
 * How a canary's trial ended: what a fleet operator needs to act on a model install.
 *
 * @param name            the model's name
 * @param version         the canary's version
 * @param serving         the version it ran beside
 * @param promoted        whether it now serves (false: rolled back, the serving version stays)
 * @param inputs          live inputs it was judged on
 * @param agreement       share of those on which it decided as the serving version, 0 to 1
 * @param faultCases      fault cases it was judged on: live inputs the serving version decided "fault" on,
 *                        recent ones replayed, and the serving version's own test vectors of faults
 * @param faultAgreement  share of those it decided the same way; NaN when there were none
 * @param canaryMicros    its mean inference time, µs (live inputs)
 * @param servingMicros   the serving version's mean inference time on the same inputs, µs
 * @param reason          why, in words
 */
record CanaryVerdict(String name, String version, String serving, boolean promoted, int inputs, double agreement,
        int faultCases, double faultAgreement, double canaryMicros, double servingMicros, String reason) {
}
