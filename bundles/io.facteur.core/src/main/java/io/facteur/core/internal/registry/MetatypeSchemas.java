package io.facteur.core.internal.registry;

import io.facteur.core.internal.registry.SettingsSchema.Attribute;
import io.facteur.core.internal.registry.SettingsSchema.Option;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Reads a capability's settings schema from its bundle's Metatype. */
final class MetatypeSchemas {
    private MetatypeSchemas() {}

    /** The schema and the raw definition (kept for value validation). */
    record Found(SettingsSchema schema, ObjectClassDefinition ocd) {}

    static Optional<Found> find(
            MetaTypeService metatype, Bundle bundle, String pid, Locale locale) {
        if (pid.isEmpty() || bundle == null) {
            return Optional.empty();
        }
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        if (info == null
                || !(Arrays.asList(info.getFactoryPids()).contains(pid)
                        || Arrays.asList(info.getPids()).contains(pid))) {
            return Optional.empty();
        }
        String language = locale == null ? null : locale.getLanguage();
        ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, language);
        if (ocd == null) {
            return Optional.empty();
        }
        List<Attribute> attributes = new ArrayList<>();
        List<String> required = ids(ocd, ObjectClassDefinition.REQUIRED);
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            attributes.add(
                    new Attribute(
                            ad.getID(),
                            typeName(ad.getType()),
                            ad.getName(),
                            ad.getDescription() == null ? "" : ad.getDescription(),
                            required.contains(ad.getID()),
                            ad.getCardinality() != 0,
                            ad.getDefaultValue() == null
                                    ? List.of()
                                    : List.of(ad.getDefaultValue()),
                            options(ad),
                            ad.getType() == AttributeDefinition.PASSWORD));
        }
        String description = ocd.getDescription() == null ? "" : ocd.getDescription();
        return Optional.of(
                new Found(new SettingsSchema(pid, ocd.getName(), description, attributes), ocd));
    }

    private static List<String> ids(ObjectClassDefinition ocd, int filter) {
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(filter);
        return ads == null
                ? List.of()
                : Arrays.stream(ads).map(AttributeDefinition::getID).toList();
    }

    private static List<Option> options(AttributeDefinition ad) {
        String[] values = ad.getOptionValues();
        String[] labels = ad.getOptionLabels();
        if (values == null) {
            return List.of();
        }
        List<Option> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(
                    new Option(
                            values[i],
                            labels != null && i < labels.length ? labels[i] : values[i]));
        }
        return out;
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "STRING";
            case AttributeDefinition.LONG -> "LONG";
            case AttributeDefinition.INTEGER -> "INTEGER";
            case AttributeDefinition.SHORT -> "SHORT";
            case AttributeDefinition.CHARACTER -> "CHARACTER";
            case AttributeDefinition.BYTE -> "BYTE";
            case AttributeDefinition.DOUBLE -> "DOUBLE";
            case AttributeDefinition.FLOAT -> "FLOAT";
            case AttributeDefinition.BOOLEAN -> "BOOLEAN";
            case AttributeDefinition.PASSWORD -> "PASSWORD";
            default -> "STRING";
        };
    }
}
