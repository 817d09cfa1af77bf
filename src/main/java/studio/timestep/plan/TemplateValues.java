package studio.timestep.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import studio.timestep.param.InvalidParameterException;

/**
 * The parameter values a template is built from: the given ones checked against the template's
 * parameters, the rest their defaults. Unknown keys and values out of range are refused with
 * the key named.
 */
public final class TemplateValues {
    private final Map<String, Object> values = new HashMap<>();

    TemplateValues(List<TemplateParameter> parameters, Map<String, ?> given, String templateId) {
        for (String key : given.keySet()) {
            if (parameters.stream().noneMatch(p -> p.key().equals(key))) {
                throw new InvalidParameterException(key, "is not a parameter of the " + templateId + " template (it takes "
                        + String.join(", ", parameters.stream().map(TemplateParameter::key).toList()) + ")");
            }
        }
        for (TemplateParameter p : parameters) {
            Object v = given.get(p.key());
            switch (p.type()) {
                case TEXT -> values.put(p.key(), v == null ? p.defaultText() : v.toString());
                case NUMBER -> values.put(p.key(), p.range().check(v == null ? p.defaultValue() : number(p.key(), v)));
                case INTEGER -> {
                    double d = v == null ? p.defaultValue() : number(p.key(), v);
                    if (d != Math.rint(d)) {
                        throw new InvalidParameterException(p.key(), "must be a whole number, got " + d);
                    }
                    values.put(p.key(), (int) p.range().check(d));
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private static double number(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(key, "'" + v + "' is not a number");
        }
    }

    public int integer(String key) {
        return (Integer) values.get(key);
    }

    public double number(String key) {
        return (Double) values.get(key);
    }

    public String text(String key) {
        return (String) values.get(key);
    }

    /** All values, for saving a template's settings. */
    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }
}
