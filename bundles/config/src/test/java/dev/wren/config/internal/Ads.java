package dev.wren.config.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.felix.metatype.AD;

/** Rules built on Felix MetaType's own attribute definitions, as the running gateway builds them. */
final class Ads {

    private Ads() {
    }

    static Rule rule(String id, String type, String min, String max, String dflt, int cardinality, boolean required,
            String... options) {
        AD ad = new AD();
        ad.setID(id);
        ad.setType(type);
        ad.setMin(min);
        ad.setMax(max);
        ad.setCardinality(cardinality);
        ad.setRequired(required);
        if (options.length > 0) {
            Map<String, String> o = new LinkedHashMap<>();
            for (String v : options) {
                o.put(v, v);
            }
            ad.setOptions(o);
        }
        ad.setDefaultValue(dflt);
        return new Rule(id, ad.getType(), ad.getCardinality(), required, ad.getDefaultValue(), min, max,
                ad.getOptionValues(), ad::validate);
    }
}
