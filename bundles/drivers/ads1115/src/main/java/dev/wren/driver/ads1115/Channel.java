package dev.wren.driver.ads1115;

/**
 * One single-ended input read by the driver.
 *
 * @param input    AIN0 to AIN3
 * @param quantity the reading's quantity, lower case and dotted ({@code ain0}, {@code solar.voltage})
 * @param scale    multiplies the input's voltage: 2.0 behind a 1:1 divider, 1.0 for the pin itself
 */
record Channel(int input, String quantity, double scale) {
}
