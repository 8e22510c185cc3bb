package dev.wren.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** A PID or factory PID that a Wren bundle's metatype designates, with its definition. */
record Designate(Bundle bundle, String pid, boolean factory, ObjectClassDefinition ocd) {

    /** @return the designates of every Wren bundle the metatype service knows: per bundle, PIDs, then factory PIDs */
    static List<Designate> all(BundleContext context, MetaTypeService metatype) {
        List<Designate> out = new ArrayList<>();
        for (Bundle b : Gateway.wrenBundles(context)) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            Stream.of(info.getPids()).forEach(p -> out.add(new Designate(b, p, false, info.getObjectClassDefinition(p, null))));
            Stream.of(info.getFactoryPids())
                    .forEach(p -> out.add(new Designate(b, p, true, info.getObjectClassDefinition(p, null))));
        }
        return out;
    }
}
