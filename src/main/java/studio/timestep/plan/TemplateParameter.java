package studio.timestep.plan;

import studio.timestep.param.ParameterRange;

/**
 * One parameter of a plan template: its key (as the command line and files name it), range,
 * default, whether it is a whole number, and a line of help. A {@code text} parameter (a list
 * such as Pusa multipliers) has no range.
 */
public record TemplateParameter(String key, ParameterRange range, double defaultValue, Type type, String help,
                                String defaultText) {
    public enum Type { INTEGER, NUMBER, TEXT }

    public static TemplateParameter integer(String key, int min, int max, int defaultValue, String help) {
        return new TemplateParameter(key, ParameterRange.closed(key, min, max), defaultValue, Type.INTEGER, help, null);
    }

    public static TemplateParameter number(String key, ParameterRange range, double defaultValue, String help) {
        return new TemplateParameter(key, range, defaultValue, Type.NUMBER, help, null);
    }

    public static TemplateParameter text(String key, String defaultText, String help) {
        return new TemplateParameter(key, null, 0, Type.TEXT, help, defaultText);
    }
}
