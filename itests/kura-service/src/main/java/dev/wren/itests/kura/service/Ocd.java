package dev.wren.itests.kura.service;

import java.util.List;
import java.util.Optional;

/** An object class definition as Kura's parser reads it. */
public record Ocd(String id, String name, String description, List<Ad> attributes) {

    /** @return the attribute with this id */
    public Optional<Ad> attribute(String adId) {
        return attributes.stream().filter(a -> a.id().equals(adId)).findFirst();
    }
}
