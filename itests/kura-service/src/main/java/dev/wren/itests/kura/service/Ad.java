package dev.wren.itests.kura.service;

import java.util.List;

/**
 * An attribute definition as Kura's parser reads it: the type as written ({@code String},
 * {@code Long}, {@code Password}, ...), the cardinality (0: one value), the default as written
 * (comma-separated for several values), and the option values.
 */
public record Ad(String id, String type, int cardinality, boolean required, String defaultValue, List<String> options) {
}
